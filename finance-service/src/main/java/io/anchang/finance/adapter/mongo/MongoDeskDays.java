package io.anchang.finance.adapter.mongo;

import io.anchang.finance.application.DeskDays;
import io.anchang.finance.domain.DeskDay;
import io.anchang.platform.money.Money;
import io.anchang.platform.mongo.ScopedMongo;
import io.anchang.platform.outbox.PendingEvent;
import io.anchang.platform.security.Caller;
import io.anchang.platform.security.SiteScope;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** The desk's days in MongoDB: one document per site and day ({@code SH01:2026-03-02}), changed only conditionally on its status. */
public class MongoDeskDays implements DeskDays {

    static final String COLLECTION = "desk_days";
    private static final Caller SYSTEM = Caller.system("finance-service");

    private final ScopedMongo mongo;

    public MongoDeskDays(ScopedMongo mongo) {
        this.mongo = mongo;
    }

    record DayDocument(@Id String id, String siteId, String day, String status, String closedBy, String closedByName, Instant closedAt,
                       String received, String paidOut, String net, Integer receipts, Integer vouchers) {

        DeskDay deskDay() {
            return new DeskDay(siteId, LocalDate.parse(day), DeskDay.Status.valueOf(status), closedBy, closedByName, closedAt,
                    received == null ? null : Money.of(received), paidOut == null ? null : Money.of(paidOut), net == null ? null : Money.of(net),
                    receipts == null ? 0 : receipts, vouchers == null ? 0 : vouchers);
        }
    }

    @Override
    public Mono<DeskDay> find(String site, LocalDate day) {
        return mongo.findOne(SiteScope.system(), Query.query(Criteria.where("_id").is(DeskDay.id(site, day))), DayDocument.class, COLLECTION)
                .map(DayDocument::deskDay).defaultIfEmpty(DeskDay.open(site, day));
    }

    @Override
    public Mono<Boolean> beginClose(String site, LocalDate day, String by, String byName, Instant at) {
        String id = DeskDay.id(site, day);
        return mongo.update(SiteScope.system(), Query.query(Criteria.where("_id").is(id).and("status").is("OPEN")),
                        Update.update("status", "CLOSING").set("closedBy", by).set("closedByName", byName).set("closedAt", at)
                                .setOnInsert(ScopedMongo.SITE, site).setOnInsert("day", day.toString()), COLLECTION, true)
                .map(matched -> true)
                .onErrorResume(DuplicateKeyException.class, e -> find(site, day).map(found -> found.status() == DeskDay.Status.CLOSING));
    }

    @Override
    public Mono<Boolean> closed(DeskDay d, PendingEvent event) {
        Update update = Update.update("status", "CLOSED").set("closedBy", d.closedBy()).set("closedByName", d.closedByName())
                .set("closedAt", d.closedAt()).set("received", d.received().toString()).set("paidOut", d.paidOut().toString())
                .set("net", d.net().toString()).set("receipts", d.receipts()).set("vouchers", d.vouchers());
        return mongo.findAndModify(SYSTEM, Query.query(Criteria.where("_id").is(DeskDay.id(d.siteId(), d.day())).and("status").is("CLOSING")),
                update, DayDocument.class, COLLECTION, List.of(event)).map(x -> true).defaultIfEmpty(false);
    }

    @Override
    public Flux<DeskDay> notOpen(Instant closedSince) {
        return mongo.find(SiteScope.system(), Query.query(new Criteria().orOperator(Criteria.where("status").is("CLOSING"),
                Criteria.where("status").is("CLOSED").and("closedAt").gte(closedSince))), DayDocument.class, COLLECTION).map(DayDocument::deskDay);
    }
}
