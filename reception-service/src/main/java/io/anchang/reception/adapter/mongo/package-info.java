/** The site directory and rotations in MongoDB, through the platform's site-scoped store. */
package io.anchang.reception.adapter.mongo;
