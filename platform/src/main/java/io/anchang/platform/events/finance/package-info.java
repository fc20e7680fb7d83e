/** Events published by finance-service on {@link io.anchang.platform.events.Topics#FINANCE}. */
package io.anchang.platform.events.finance;
