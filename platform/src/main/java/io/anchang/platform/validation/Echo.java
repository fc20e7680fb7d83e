package io.anchang.platform.validation;

/**
 * What a problem detail may repeat of a client's input: at most {@value #MAX} characters of it,
 * with control characters shown as {@code ?}, and how long it was when it was longer — so that a
 * 200,000-character field never comes back in an answer or a log line. Plain Java.
 */
public final class Echo {

    public static final int MAX = 40;

    private Echo() {
    }

    /** The input as a message may quote it; a {@link java.math.BigDecimal} in its short (scientific) form, never expanded. */
    public static String of(Object input) {
        if (input == null) {
            return "null";
        }
        String text = String.valueOf(input);
        int length = text.length();
        String shown = length <= MAX ? text : text.substring(0, MAX);
        StringBuilder out = new StringBuilder(shown.length() + 24);
        shown.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c) || Character.getType(c) == Character.FORMAT
                || Character.getType(c) == Character.SURROGATE ? '?' : c));
        if (length > MAX) {
            out.append("…(").append(length).append(" chars)");
        }
        return out.toString();
    }
}
