/** Events published by reception-service on {@link io.anchang.platform.events.Topics#RECEPTION}. */
package io.anchang.platform.events.reception;
