package io.anchang.customer.adapter.kafka;

import io.anchang.customer.application.CaringForCustomers;
import io.anchang.platform.events.customer.ConsentChanged;
import io.anchang.platform.messaging.EventHandler;
import io.anchang.platform.messaging.TypedEventHandler;
import io.anchang.platform.security.Caller;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** Handlers of the archive's own events, each applied once per event id. */
public final class ArchiveEventHandlers {

    private ArchiveEventHandlers() {
    }

    /**
     * R-CUS-13: a customer withdrew consent to keep their data: what care keeps of them (family, birthdays, hobbies) is
     * erased. Driven by the event, so it happens however the consent write and this erasure are interleaved by a crash.
     */
    public static EventHandler careErasure(CaringForCustomers caring, JsonMapper mapper) {
        return TypedEventHandler.of("customer.care-erasure", ConsentChanged.class, mapper, (envelope, consent) ->
                "WITHDRAWN".equals(consent.keepData())
                        ? caring.erase(Caller.system("customer-service"), consent.siteId(), consent.customerId(), consent.at())
                        : Mono.empty());
    }
}
