package io.anchang.platform.validation;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** Checks {@link PlainText}: the length first (so a huge value is refused unread), then each character. */
public final class PlainTextValidator implements ConstraintValidator<PlainText, CharSequence> {

    private int max;
    private boolean multiline;

    @Override
    public void initialize(PlainText annotation) {
        this.max = annotation.max();
        this.multiline = annotation.multiline();
    }

    @Override
    public boolean isValid(CharSequence value, ConstraintValidatorContext context) {
        return value == null || value.length() <= max && plain(value, multiline);
    }

    /** Whether {@code text} holds no control, format or lone surrogate character (line breaks and tabs if {@code multiline}). */
    public static boolean plain(CharSequence text, boolean multiline) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
                continue;
            }
            if (multiline && (c == '\n' || c == '\r' || c == '\t')) {
                continue;
            }
            int type = Character.getType(c);
            if (type == Character.CONTROL || type == Character.SURROGATE || type == Character.FORMAT
                    || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR || c == '\uFFFE' || c == '\uFFFF') {
                return false;
            }
        }
        return true;
    }
}
