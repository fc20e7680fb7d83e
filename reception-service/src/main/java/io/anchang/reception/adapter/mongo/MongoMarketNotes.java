package io.anchang.reception.adapter.mongo;

import io.anchang.platform.mongo.ScopedMongo;
import io.anchang.platform.outbox.PendingEvent;
import io.anchang.platform.security.Caller;
import io.anchang.platform.security.SiteScope;
import io.anchang.reception.application.MarketNotes;
import io.anchang.reception.domain.MarketNote;
import org.springframework.data.annotation.Id;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Market notes in MongoDB, each inserted once with its event; the week as text. */
public class MongoMarketNotes implements MarketNotes {

    static final String COLLECTION = "market_notes";

    private final ScopedMongo mongo;

    public MongoMarketNotes(ScopedMongo mongo) {
        this.mongo = mongo;
    }

    record NoteDocument(@Id String id, String siteId, String week, String title, String content, List<String> sources, String by,
                        Instant at) {

        MarketNote note() {
            return new MarketNote(id, siteId, LocalDate.parse(week), title, content, sources, by, at);
        }
    }

    @Override
    public Mono<Void> add(Caller caller, MarketNote n, List<PendingEvent> events) {
        return mongo.insert(caller, new NoteDocument(n.id(), n.siteId(), n.week().toString(), n.title(), n.content(), n.sources(),
                n.by(), n.at()), COLLECTION, events);
    }

    @Override
    public Flux<MarketNote> ofWeek(SiteScope scope, String site, LocalDate week) {
        return mongo.find(scope, Query.query(Criteria.where(ScopedMongo.SITE).is(site).and("week").is(week.toString()))
                .with(Sort.by(Sort.Direction.DESC, "at")).limit(200), NoteDocument.class, COLLECTION).map(NoteDocument::note);
    }
}
