package io.anchang.platform.messaging;

/** A record that is not an event this service can read: retrying cannot help, it goes to the dead-letter topic. */
public class MalformedEventException extends RuntimeException {

    public MalformedEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
