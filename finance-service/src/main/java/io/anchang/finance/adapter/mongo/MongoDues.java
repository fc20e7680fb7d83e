package io.anchang.finance.adapter.mongo;

import io.anchang.finance.application.Dues;
import io.anchang.finance.domain.Due;
import io.anchang.finance.domain.DueKind;
import io.anchang.finance.domain.PaymentMethod;
import io.anchang.platform.money.Money;
import io.anchang.platform.mongo.ScopedMongo;
import io.anchang.platform.outbox.PendingEvent;
import io.anchang.platform.security.Caller;
import io.anchang.platform.security.SiteScope;
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

/** Amounts due in MongoDB: one document per due, amounts as exact strings, days as yyyy-MM-dd; changed only at the version read. */
public class MongoDues implements Dues {

    static final String COLLECTION = "dues";
    private static final Caller SYSTEM = Caller.system("finance-service");

    private final ScopedMongo mongo;

    public MongoDues(ScopedMongo mongo) {
        this.mongo = mongo;
    }

    record PaymentDocument(String paymentId, String amount, String method, String reference, String by, String byName, Instant at,
                           String businessDay, String receiptNo, Boolean undone) {
    }

    /** {@code pendingPayment}: a payment claimed whose receipt is not noted yet (the recovery's query). */
    record DueDocument(@Id String id, String siteId, String dealId, String unitId, String unitLabel, String payerName, String kind,
                       int termNo, String amount, String dueOn, String status, String subject, List<PaymentDocument> payments,
                       Boolean overdue, Boolean breach, Instant openedAt, Boolean pendingPayment, Long version) {

        static DueDocument of(Due d) {
            boolean pending = d.payments().stream().anyMatch(p -> p.receiptNo() == null);
            return new DueDocument(d.dueId(), d.siteId(), d.dealId(), d.unitId(), d.unitLabel(), d.payerName(), d.kind().name(), d.termNo(),
                    d.amount().toString(), d.dueOn().toString(), d.status().name(), d.subject(),
                    d.payments().stream().map(p -> new PaymentDocument(p.paymentId(), p.amount().toString(), p.method().name(), p.reference(),
                            p.by(), p.byName(), p.at(), p.businessDay().toString(), p.receiptNo(), p.undone() ? Boolean.TRUE : null)).toList(),
                    d.overdue() ? Boolean.TRUE : null, d.breach() ? Boolean.TRUE : null, d.openedAt(), pending ? Boolean.TRUE : null, d.version());
        }

        Due due() {
            return new Due(id, siteId, dealId, unitId, unitLabel, payerName, DueKind.valueOf(kind), termNo, Money.of(amount),
                    LocalDate.parse(dueOn), Due.Status.valueOf(status), subject, payments == null ? List.of() : payments.stream()
                    .map(p -> new Due.Payment(p.paymentId(), Money.of(p.amount()), PaymentMethod.valueOf(p.method()), p.reference(), p.by(),
                            p.byName(), p.at(), LocalDate.parse(p.businessDay()), p.receiptNo(), Boolean.TRUE.equals(p.undone()))).toList(),
                    Boolean.TRUE.equals(overdue), Boolean.TRUE.equals(breach), openedAt, version == null ? 0 : version);
        }
    }

    @Override
    public Mono<Void> open(Due due, PendingEvent opened) {
        return mongo.insert(SYSTEM, DueDocument.of(due), COLLECTION, List.of(opened)).onErrorResume(DuplicateKeyException.class, e -> Mono.empty());
    }

    @Override
    public Mono<Due> find(SiteScope scope, String site, String dueId) {
        return mongo.findOne(scope, Query.query(Criteria.where("_id").is(dueId).and(ScopedMongo.SITE).is(site)), DueDocument.class, COLLECTION)
                .map(DueDocument::due);
    }

    @Override
    public Flux<Due> of(SiteScope scope, String site) {
        return mongo.find(scope, Query.query(Criteria.where(ScopedMongo.SITE).is(site)).with(Sort.by("dueOn", "_id")), DueDocument.class,
                COLLECTION).map(DueDocument::due);
    }

    @Override
    public Flux<Due> ofDeal(String site, String dealId) {
        return mongo.find(SiteScope.system(), Query.query(Criteria.where(ScopedMongo.SITE).is(site).and("dealId").is(dealId)), DueDocument.class,
                COLLECTION).map(DueDocument::due);
    }

    @Override
    public Flux<Due> openBefore(LocalDate day) {
        return mongo.find(SiteScope.system(), Query.query(Criteria.where("status").is("OPEN").and("dueOn").lt(day.toString())), DueDocument.class,
                COLLECTION).map(DueDocument::due);
    }

    @Override
    public Flux<Due> unreceipted(Instant before) {
        return mongo.find(SiteScope.system(), Query.query(Criteria.where("pendingPayment").is(true)), DueDocument.class, COLLECTION)
                .map(DueDocument::due)
                .filter(due -> due.payments().stream().anyMatch(p -> p.receiptNo() == null && p.at().isBefore(before)));
    }

    @Override
    public Mono<Boolean> save(Caller caller, Due due, List<PendingEvent> events) {
        return mongo.replace(caller, DueDocument.of(due), due.version(), COLLECTION, events);
    }
}
