package io.anchang.reporting.domain;

/** Which entry: its kind and id. */
public record EntryRef(EntryKind<?> kind, String id) {
}
