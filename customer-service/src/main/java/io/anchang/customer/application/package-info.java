/** Use cases of the customer archive and attribution, and the ports to the store; reactive from here on. */
package io.anchang.customer.application;
