/** Events published by deal-service on {@link io.anchang.platform.events.Topics#DEAL}. */
package io.anchang.platform.events.deal;
