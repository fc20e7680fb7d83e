package io.anchang.customer.application;

import io.anchang.platform.store.Stored;
import io.anchang.customer.domain.relations.Referral;
import io.anchang.platform.outbox.PendingEvent;
import io.anchang.platform.security.Caller;
import io.anchang.platform.security.SiteScope;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.List;

/** Referrals and introductions (R-CUS-12); one per kind, referrer and referred customer. */
public interface Referrals {

    Mono<Stored<Referral>> byId(SiteScope scope, String site, String referralId);

    /**
     * Newest first; those a customer is part of (either side) if given, those whose reward stands in {@code state} and is of
     * {@code rewardKind} if given.
     */
    Flux<Referral> of(SiteScope scope, String site, String customerId, Referral.RewardState state, Referral.RewardKind rewardKind, int limit);

    Mono<Boolean> save(Caller caller, Referral referral, long expectedVersion, List<PendingEvent> events);
}
