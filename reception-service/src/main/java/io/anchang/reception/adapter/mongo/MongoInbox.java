package io.anchang.reception.adapter.mongo;

import io.anchang.platform.mongo.ScopedMongo;
import io.anchang.platform.security.Caller;
import io.anchang.platform.security.SiteScope;
import io.anchang.reception.application.Inbox;
import io.anchang.reception.domain.InboxMessage;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Instant;

/** Inbox messages in MongoDB; the id (event id and user) makes a redelivered event one message. */
public class MongoInbox implements Inbox {

    static final String COLLECTION = "inbox";

    private final ScopedMongo mongo;

    public MongoInbox(ScopedMongo mongo) {
        this.mongo = mongo;
    }

    record MessageDocument(@Id String id, String siteId, String userId, Instant at, String kind, String ruleId, String text,
                           String ref, boolean read) {

        InboxMessage message() {
            return new InboxMessage(id, siteId, userId, at, kind, ruleId, text, ref, read);
        }
    }

    @Override
    public Mono<Void> add(InboxMessage m) {
        return mongo.insertPlain(SiteScope.system(), new MessageDocument(m.id(), m.siteId(), m.userId(), m.at(), m.kind(), m.ruleId(),
                m.text(), m.ref(), m.read()), COLLECTION).onErrorResume(DuplicateKeyException.class, e -> Mono.empty());
    }

    @Override
    public Flux<InboxMessage> of(SiteScope scope, String site, String userId) {
        return mongo.find(scope, Query.query(Criteria.where(ScopedMongo.SITE).is(site).and("userId").is(userId))
                .with(Sort.by(Sort.Direction.DESC, "at")).limit(200), MessageDocument.class, COLLECTION).map(MessageDocument::message);
    }

    @Override
    public Mono<Boolean> markRead(Caller caller, String site, String messageId) {
        return mongo.update(caller.scope(), Query.query(Criteria.where("_id").is(messageId).and(ScopedMongo.SITE).is(site)
                        .and("userId").is(caller.userId())), Update.update("read", true), COLLECTION, false)
                .map(matched -> matched > 0);
    }
}
