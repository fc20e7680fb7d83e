/** Web concerns every service shares: RFC 9457 problem details, the correlation id, the {@code Caller} parameter. */
package io.anchang.platform.web;
