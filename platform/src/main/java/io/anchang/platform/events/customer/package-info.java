/** Events published by customer-service on {@link io.anchang.platform.events.Topics#CUSTOMER}. */
package io.anchang.platform.events.customer;
