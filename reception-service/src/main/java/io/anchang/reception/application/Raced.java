package io.anchang.reception.application;

/** A conditional write lost to another writer: read again and redo the change. */
final class Raced extends RuntimeException {

    Raced() {
        super(null, null, false, false);
    }
}
