package io.anchang.platform.events;

/** Reads a payload record's {@link EventContract}. */
public final class EventContracts {

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
}
