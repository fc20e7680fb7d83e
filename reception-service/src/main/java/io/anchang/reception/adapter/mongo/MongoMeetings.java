package io.anchang.reception.adapter.mongo;

import io.anchang.platform.mongo.ScopedMongo;
import io.anchang.platform.outbox.PendingEvent;
import io.anchang.platform.security.Caller;
import io.anchang.platform.security.SiteScope;
import io.anchang.reception.application.Meetings;
import io.anchang.platform.store.Stored;
import io.anchang.reception.domain.MeetingRecord;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Meeting records in MongoDB ({@code SH01:2026-12-06}); the day as text, so that it reads the same in any time zone. */
public class MongoMeetings implements Meetings {

    static final String COLLECTION = "meetings";

    private final ScopedMongo mongo;

    public MongoMeetings(ScopedMongo mongo) {
        this.mongo = mongo;
    }

    record MeetingDocument(@Id String id, String siteId, String day, List<MeetingRecord.RepReport> reports, String notes,
                           String recordedBy, Instant at, long revision, Long version) {

        static MeetingDocument of(MeetingRecord r) {
            return new MeetingDocument(r.id(), r.siteId(), r.day().toString(), r.reports(), r.notes(), r.recordedBy(), r.at(),
                    r.revision(), null);
        }

        MeetingRecord record() {
            return new MeetingRecord(id, siteId, LocalDate.parse(day), reports == null ? List.of() : reports, notes, recordedBy, at,
                    revision);
        }
    }

    @Override
    public Mono<Stored<MeetingRecord>> find(SiteScope scope, String site, LocalDate day) {
        return mongo.findOne(scope, Query.query(Criteria.where("_id").is(MeetingRecord.idOf(site, day)).and(ScopedMongo.SITE).is(site)),
                MeetingDocument.class, COLLECTION).map(d -> new Stored<>(d.record(), d.version() == null ? 1 : d.version()));
    }

    @Override
    public Flux<MeetingRecord> between(SiteScope scope, String site, LocalDate from, LocalDate to) {
        return mongo.find(scope, Query.query(Criteria.where(ScopedMongo.SITE).is(site).and("day").gte(from.toString()).lte(to.toString()))
                .with(Sort.by(Sort.Direction.DESC, "day")), MeetingDocument.class, COLLECTION).map(MeetingDocument::record);
    }

    @Override
    public Mono<Boolean> save(Caller caller, MeetingRecord record, long expectedVersion, List<PendingEvent> events) {
        MeetingDocument document = MeetingDocument.of(record);
        if (expectedVersion == 0) {
            return mongo.insert(caller, document, COLLECTION, events).thenReturn(true)
                    .onErrorResume(DuplicateKeyException.class, e -> Mono.just(false));
        }
        return mongo.replace(caller, document, expectedVersion, COLLECTION, events);
    }
}
