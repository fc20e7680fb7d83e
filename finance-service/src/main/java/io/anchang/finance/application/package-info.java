/** The finance desk's use cases and the ports to the store; reactive from here on. */
package io.anchang.finance.application;
