/** Use cases of the front desk and the site directory; ports to the store. Reactive from here on. */
package io.anchang.reception.application;
