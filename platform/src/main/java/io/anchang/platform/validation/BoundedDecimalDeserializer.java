package io.anchang.platform.validation;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.jdk.NumberDeserializers;
import tools.jackson.databind.exc.InvalidFormatException;

import java.math.BigDecimal;

/**
 * Every {@link BigDecimal} a service reads from JSON, refused at once when it has more than
 * {@value #MAX_DIGITS} digits or a decimal exponent beyond ±{@value #MAX_SCALE}: {@code 1E10000000}
 * is ten characters of JSON but ten million digits to any code that rounds or prints it. What is
 * left is small enough for any arithmetic; each field still checks its own range (money, area,
 * percent — see {@code io.anchang.platform.money.Decimals}).
 */
public final class BoundedDecimalDeserializer extends NumberDeserializers.BigDecimalDeserializer {

    public static final int MAX_DIGITS = 40;
    public static final int MAX_SCALE = 40;

    @Override
    public BigDecimal deserialize(JsonParser p, DeserializationContext ctxt) throws JacksonException {
        BigDecimal value = super.deserialize(p, ctxt);
        if (value == null || value.signum() == 0) {
            // a zero keeps no scale: 0E-999999999 would be costly to round
            return value == null ? null : BigDecimal.ZERO;
        }
        if (value.precision() > MAX_DIGITS || Math.abs((long) value.scale()) > MAX_SCALE) {
            throw InvalidFormatException.from(p, "number out of range: at most " + MAX_DIGITS + " digits",
                    Echo.of(value) + "（超出范围 out of range）", BigDecimal.class);
        }
        return value;
    }
}
