/** The queue, receipts and refunds due in MongoDB, through the site-scoped store. */
package io.anchang.finance.adapter.mongo;
