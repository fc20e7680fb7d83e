package io.anchang.customer.application;

import io.anchang.platform.store.Stored;
import io.anchang.customer.domain.care.CareProfile;
import io.anchang.platform.outbox.PendingEvent;
import io.anchang.platform.security.Caller;
import io.anchang.platform.security.SiteScope;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.Collection;
import java.util.List;

/** Care profiles (R-CUS-8), one per customer. */
public interface CareProfiles {

    Mono<Stored<CareProfile>> byCustomer(SiteScope scope, String site, String customerId);

    Flux<CareProfile> ofCustomers(SiteScope scope, String site, Collection<String> customerIds);

    /** R-CUS-12: the site's key persons (核心人物), by archive number, at most {@code limit}. */
    Flux<CareProfile> keyPersons(SiteScope scope, String site, int limit);

    /**
     * R-CUS-12: customers whose industry holds {@code part} (any case; the text taken literally, never as a pattern), for
     * cross-introductions (交叉合作), by archive number, at most {@code limit}.
     */
    Flux<CareProfile> ofIndustry(SiteScope scope, String site, String part, int limit);

    Mono<Boolean> save(Caller caller, CareProfile profile, long expectedVersion, List<PendingEvent> events);
}
