package io.anchang.platform.events;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads a payload record's {@link EventContract}, and knows every contract of this package by its stable type name and
 * version: each record annotated here is registered by being here, so none can be forgotten, and two contracts claiming
 * one name are refused when the registry is first read.
 */
public final class EventContracts {

    private static volatile Map<String, Class<?>> registered;

    private EventContracts() {
    }

    public static EventContract of(Class<?> payloadType) {
        EventContract contract = payloadType.getAnnotation(EventContract.class);
        if (contract == null) {
            throw new IllegalArgumentException(payloadType.getName() + " is not an event contract (no @EventContract)");
        }
        return contract;
    }

    public static boolean matches(EventEnvelope envelope, Class<?> payloadType) {
        EventContract contract = of(payloadType);
        return contract.type().equals(envelope.type()) && contract.version() == envelope.version();
    }

    /** Every contract, keyed {@code type@version} ({@code customer.survey-scored@1}), in name order. */
    public static Map<String, Class<?>> registered() {
        Map<String, Class<?>> known = registered;
        if (known == null) {
            known = scan();
            registered = known;
        }
        return known;
    }

    /** The contract of an envelope's {@code type} and {@code version}, if this deployment knows it. */
    public static Optional<Class<?>> byType(String type, int version) {
        return Optional.ofNullable(registered().get(key(type, version)));
    }

    static String key(String type, int version) {
        return type + "@" + version;
    }

    private static Map<String, Class<?>> scan() {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(EventContract.class));
        Map<String, Class<?>> found = new TreeMap<>();
        for (BeanDefinition candidate : scanner.findCandidateComponents(EventContracts.class.getPackageName())) {
            Class<?> type;
            try {
                type = Class.forName(candidate.getBeanClassName(), false, EventContracts.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("event contract " + candidate.getBeanClassName() + " cannot be loaded", e);
            }
            EventContract contract = of(type);
            Class<?> other = found.put(key(contract.type(), contract.version()), type);
            if (other != null) {
                throw new IllegalStateException(type.getName() + " and " + other.getName() + " both claim " + key(contract.type(), contract.version()));
            }
        }
        return Collections.unmodifiableMap(found);
    }
}
