package io.anchang.platform.store;

/** An aggregate as read from the store with the version a conditional write expects (0: not stored yet). */
public record Stored<T>(T value, long version) {
}
