/**
 * Phone numbers as customer identity (R-CUS-3), their masked form and their keyed hash (R-SEC-3);
 * plain Java.
 */
package io.anchang.platform.phone;
