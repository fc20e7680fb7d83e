/** Use cases of sales control and the deposit saga (flow 2), and the ports to the store; reactive from here on. */
package io.anchang.deal.application;
