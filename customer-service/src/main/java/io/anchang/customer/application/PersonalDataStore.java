package io.anchang.customer.application;

import io.anchang.platform.store.Stored;
import io.anchang.customer.domain.privacy.PersonalData;
import io.anchang.platform.outbox.PendingEvent;
import io.anchang.platform.security.Caller;
import io.anchang.platform.security.SiteScope;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.List;

/** Consents and ID numbers (R-CUS-13), one record per customer. */
public interface PersonalDataStore {

    Mono<Stored<PersonalData>> byCustomer(SiteScope scope, String site, String customerId);

    /** The customers of the site who may not be contacted (withdrew consent to be contacted or to keep their data). */
    Flux<String> notToContact(SiteScope scope, String site);

    Mono<Boolean> save(Caller caller, PersonalData data, long expectedVersion, List<PendingEvent> events);
}
