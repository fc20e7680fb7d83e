package io.anchang.platform.validation;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.module.SimpleModule;

import java.math.BigDecimal;

/** Puts {@link BoundedDecimalDeserializer} into every service's JSON reader. */
@AutoConfiguration
public class BoundedInputConfiguration {

    @Bean
    JacksonModule boundedDecimals() {
        return new SimpleModule("anchang-bounded-decimals").addDeserializer(BigDecimal.class, new BoundedDecimalDeserializer());
    }
}
