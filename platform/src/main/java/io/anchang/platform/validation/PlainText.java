package io.anchang.platform.validation;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import static java.lang.annotation.ElementType.ANNOTATION_TYPE;
import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

/**
 * Text a person typed — a name, a label, a reason: at most {@link #max()} characters, and no
 * control characters (no NUL, no escape sequences, no invisible direction overrides that make a
 * name read differently on screen than in the register). Line breaks and tabs only where
 * {@link #multiline()} allows them. Null is valid (add {@code @NotBlank} for a required field).
 * The message never repeats the value.
 */
@Documented
@Constraint(validatedBy = PlainTextValidator.class)
@Target({FIELD, METHOD, PARAMETER, TYPE_USE, ANNOTATION_TYPE})
@Retention(RUNTIME)
public @interface PlainText {

    /** The most characters (UTF-16 units, as Java counts a String's length). */
    int max() default 200;

    /** Whether line breaks and tabs are allowed (a reason, a note), or not (a name, a code). */
    boolean multiline() default false;

    String message() default "最多 {max} 个字符，且不能含控制字符 (at most {max} characters, no control characters)";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
