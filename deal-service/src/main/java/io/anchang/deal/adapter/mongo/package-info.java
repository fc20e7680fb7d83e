/** The units, buildings, customer copies, rejections and agreement numbers in MongoDB, through the site-scoped store. */
package io.anchang.deal.adapter.mongo;
