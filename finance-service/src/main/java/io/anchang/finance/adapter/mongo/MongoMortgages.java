package io.anchang.finance.adapter.mongo;

import io.anchang.finance.application.Mortgages;
import io.anchang.finance.domain.Mortgage;
import io.anchang.platform.money.Money;
import io.anchang.platform.mongo.ScopedMongo;
import io.anchang.platform.outbox.PendingEvent;
import io.anchang.platform.security.Caller;
import io.anchang.platform.security.SiteScope;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.util.List;

/** Mortgages in MongoDB, one per deal ({@code _id} the deal), changed only at the version read. */
public class MongoMortgages implements Mortgages {

    static final String COLLECTION = "mortgages";

    private final ScopedMongo mongo;

    public MongoMortgages(ScopedMongo mongo) {
        this.mongo = mongo;
    }

    record StepDocument(String stage, String bank, String amount, String note, String by, Instant at) {
    }

    record MortgageDocument(@Id String id, String siteId, String unitId, String unitLabel, String buyerName, String loan, String dueId,
                            String stage, String bank, String approved, List<StepDocument> history, Long version) {

        static MortgageDocument of(Mortgage m) {
            return new MortgageDocument(m.dealId(), m.siteId(), m.unitId(), m.unitLabel(), m.buyerName(), m.loan().toString(), m.dueId(),
                    m.stage().name(), m.bank(), m.approved() == null ? null : m.approved().toString(),
                    m.history().stream().map(s -> new StepDocument(s.stage().name(), s.bank(), s.amount() == null ? null : s.amount().toString(),
                            s.note(), s.by(), s.at())).toList(), m.version());
        }

        Mortgage mortgage() {
            return new Mortgage(id, siteId, unitId, unitLabel, buyerName, Money.of(loan), dueId, Mortgage.Stage.valueOf(stage), bank,
                    approved == null ? null : Money.of(approved), history == null ? List.of() : history.stream()
                    .map(s -> new Mortgage.Step(Mortgage.Stage.valueOf(s.stage()), s.bank(), s.amount() == null ? null : Money.of(s.amount()),
                            s.note(), s.by(), s.at())).toList(), version == null ? 0 : version);
        }
    }

    @Override
    public Mono<Void> open(Mortgage mortgage) {
        return mongo.insert(Caller.system("finance-service"), MortgageDocument.of(mortgage), COLLECTION, List.of())
                .onErrorResume(DuplicateKeyException.class, e -> Mono.empty());
    }

    @Override
    public Mono<Mortgage> find(SiteScope scope, String site, String dealId) {
        return mongo.findOne(scope, Query.query(Criteria.where("_id").is(dealId).and(ScopedMongo.SITE).is(site)), MortgageDocument.class,
                COLLECTION).map(MortgageDocument::mortgage);
    }

    @Override
    public Flux<Mortgage> of(SiteScope scope, String site) {
        return mongo.find(scope, Query.query(Criteria.where(ScopedMongo.SITE).is(site)), MortgageDocument.class, COLLECTION)
                .map(MortgageDocument::mortgage);
    }

    @Override
    public Mono<Boolean> save(Caller caller, Mortgage mortgage, List<PendingEvent> events) {
        return mongo.replace(caller, MortgageDocument.of(mortgage), mortgage.version(), COLLECTION, events);
    }
}
