package io.anchang.reception.application;

import io.anchang.platform.security.Caller;
import io.anchang.platform.security.SiteScope;
import io.anchang.reception.domain.InboxMessage;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Each user's inbox of things they must be told. */
public interface Inbox {

    /** Keeps a message once: the same id twice (a redelivered event) is one message. */
    Mono<Void> add(InboxMessage message);

    Flux<InboxMessage> of(SiteScope scope, String site, String userId);

    /** Marks the user's own message read; false if it is not theirs or not there. */
    Mono<Boolean> markRead(Caller caller, String site, String messageId);
}
