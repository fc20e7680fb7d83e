/** Phone numbers as customer identity (R-CUS-3) and their masked form (R-SEC-3); plain Java. */
package io.anchang.platform.phone;
