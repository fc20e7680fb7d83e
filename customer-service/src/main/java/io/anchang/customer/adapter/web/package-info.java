/** The HTTP API of the customer archive and attribution; phones leave it masked (R-SEC-3). */
package io.anchang.customer.adapter.web;
