/** Customers, archive-number counters and draws in MongoDB, through the platform's site-scoped store. */
package io.anchang.customer.adapter.mongo;
