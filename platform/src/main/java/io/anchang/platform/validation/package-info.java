/**
 * Bounds on what clients send, the same in every service: {@link io.anchang.platform.validation.PlainText}
 * for typed text, a cap on every decimal the JSON reader accepts, and {@link io.anchang.platform.validation.Echo}
 * for what an error may repeat of the input.
 */
package io.anchang.platform.validation;
