package io.anchang.platform.store;

/** A conditional write lost to another writer: nothing was written; read again and decide again. */
public final class Raced extends RuntimeException {

    public Raced() {
        super(null, null, false, false);
    }
}
