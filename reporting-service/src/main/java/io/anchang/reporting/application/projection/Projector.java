package io.anchang.reporting.application.projection;

import io.anchang.platform.events.EventContract;
import io.anchang.platform.events.EventContracts;
import io.anchang.reporting.domain.EntryRef;

import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * What one event contract does to the register entries. A new event type plugs in with one
 * projector: it names the contract's payload record and changes the entries it concerns; the
 * counts, sums and registers follow from the entries.
 *
 * @param touches the entries it will read, loaded with the rest of the batch's in one go (an optimisation; others load on use)
 */
public record Projector<P>(Class<P> payloadType, Function<P, List<EntryRef>> touches, BiConsumer<Fact<P>, Entries> apply) {

    public static <P> Projector<P> of(Class<P> payloadType, Function<P, List<EntryRef>> touches, BiConsumer<Fact<P>, Entries> apply) {
        EventContracts.of(payloadType);
        return new Projector<>(payloadType, touches, apply);
    }

    public EventContract contract() {
        return EventContracts.of(payloadType);
    }

    /** The key under which the registry finds it: {@code deal.unit-held@1}. */
    public String key() {
        return key(contract().type(), contract().version());
    }

    public static String key(String type, int version) {
        return type + "@" + version;
    }

    @SuppressWarnings("unchecked")
    void applyTo(Fact<?> fact, Entries entries) {
        apply.accept((Fact<P>) fact, entries);
    }

    @SuppressWarnings("unchecked")
    List<EntryRef> touched(Object payload) {
        return touches.apply((P) payload);
    }
}
