/** Money as exact yuan with two decimals (R-FIN-6). Plain Java. */
package io.anchang.platform.money;
