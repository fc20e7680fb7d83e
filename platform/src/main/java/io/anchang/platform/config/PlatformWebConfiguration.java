package io.anchang.platform.config;

import io.anchang.platform.security.Caller;
import io.anchang.platform.security.CallerArgumentResolver;
import io.anchang.platform.security.SecurityProperties;
import io.anchang.platform.security.SiteAccessWebFilter;
import io.anchang.platform.web.CorrelationId;
import io.anchang.platform.web.CorrelationIdWebFilter;
import io.anchang.platform.web.ProblemDetailsAdvice;
import io.anchang.platform.web.ProblemResponses;
import io.anchang.platform.web.RejectedRequests;
import io.micrometer.context.ContextRegistry;
import org.slf4j.MDC;
import org.springdoc.core.utils.SpringDocUtils;
import io.anchang.platform.web.LoadSheddingWebFilter;
import io.anchang.platform.web.WebLimits;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.http.codec.CodecCustomizer;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.codec.json.JacksonJsonDecoder;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.result.method.annotation.ArgumentResolverConfigurer;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.type.LogicalType;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;

/**
 * Problem details, the correlation id, the {@link Caller} parameter, strict and bounded JSON,
 * load shedding and the request deadline.
 */
@AutoConfiguration
@EnableConfigurationProperties(WebLimits.class)
public class PlatformWebConfiguration {

    static {
        // the correlation id follows a request across Reactor's threads into the logs
        ContextRegistry.getInstance().registerThreadLocalAccessor(CorrelationId.KEY,
                () -> MDC.get(CorrelationId.KEY),
                value -> MDC.put(CorrelationId.KEY, value),
                () -> MDC.remove(CorrelationId.KEY));
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
    }

    /** Spring Security's firewall's refusals as problem details (its own answer is a bare 400); services and the gateway alike. */
    @Bean
    ServerExchangeRejectedHandler rejectedRequests(ProblemResponses problems) {
        return new RejectedRequests(problems);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    ProblemResponses problemResponses(JsonMapper mapper) {
        return new ProblemResponses(mapper);
    }

    @Bean
    ProblemDetailsAdvice problemDetailsAdvice() {
        return new ProblemDetailsAdvice();
    }

    @Bean
    CorrelationIdWebFilter correlationIdWebFilter() {
        return new CorrelationIdWebFilter();
    }

    @Bean
    LoadSheddingWebFilter loadSheddingWebFilter(WebLimits limits, ProblemResponses problems, ObjectProvider<MeterRegistry> meters) {
        return new LoadSheddingWebFilter(limits, problems, meters.getIfAvailable(SimpleMeterRegistry::new));
    }

    /**
     * Issue 9: request bodies are read by a JSON parser with bounds — nesting depth, string,
     * number and name length — besides the buffer limit ({@code spring.http.codecs.max-in-memory-size},
     * 413 above it). Only the HTTP decoder: events and stored documents are read as before.
     */
    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    CodecCustomizer boundedJsonDecoder(WebLimits limits, ObjectProvider<JsonMapperBuilderCustomizer> customizers) {
        StreamReadConstraints bounds = StreamReadConstraints.builder()
                .maxNestingDepth(limits.jsonMaxDepth())
                .maxStringLength(limits.jsonMaxString())
                .maxNumberLength(limits.jsonMaxNumber())
                .maxNameLength(limits.jsonMaxName())
                .build();
        JsonMapper.Builder builder = JsonMapper.builder(JsonFactory.builder().streamReadConstraints(bounds).build());
        customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
        JsonMapper bounded = builder.build();
        return configurer -> configurer.defaultCodecs().jacksonJsonDecoder(new JacksonJsonDecoder(bounded));
    }

    @Bean
    SiteAccessWebFilter siteAccessWebFilter(ProblemResponses problems, ObjectProvider<SecurityProperties> security) {
        SecurityProperties properties = security.getIfAvailable();
        return new SiteAccessWebFilter(problems, properties == null ? java.util.List.of() : properties.readOnlyPosts());
    }

    @Bean
    WebFluxConfigurer callerParameter() {
        return new WebFluxConfigurer() {
            @Override
            public void configureArgumentResolvers(ArgumentResolverConfigurer configurer) {
                configurer.addCustomResolver(new CallerArgumentResolver());
            }
        };
    }

    /** Wrong types are errors, not guesses: "12" is not a number, 1.5 not a whole number, 3 not an enum. */
    @Bean
    JsonMapperBuilderCustomizer strictJson() {
        return builder -> builder
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .withCoercionConfig(LogicalType.Textual, text -> text
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
    }
}
