package io.anchang.platform.events;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a record as an event payload: its stable type name, its version and the topic it
 * is published on. Adding an optional field keeps the version; a breaking change is a new
 * record with the next version, published beside the old until consumers move.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface EventContract {

    String type();

    int version();

    String topic();
}
