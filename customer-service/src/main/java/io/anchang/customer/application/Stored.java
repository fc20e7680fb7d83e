package io.anchang.customer.application;

/** An aggregate as read from the store with the version a conditional write expects. */
public record Stored<T>(T value, long version) {
}
