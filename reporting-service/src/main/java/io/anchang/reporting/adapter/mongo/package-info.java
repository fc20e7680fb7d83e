/** The read models in MongoDB, through the platform's site-scoped store. */
package io.anchang.reporting.adapter.mongo;
