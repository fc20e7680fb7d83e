package io.anchang.customer.adapter.mongo;

import io.anchang.customer.application.PersonalDataStore;
import io.anchang.platform.store.Stored;
import io.anchang.customer.domain.privacy.PersonalData;
import io.anchang.platform.mongo.ScopedMongo;
import io.anchang.platform.outbox.PendingEvent;
import io.anchang.platform.security.Caller;
import io.anchang.platform.security.SiteScope;
import org.springframework.data.annotation.Id;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.query.Criteria;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.util.List;

/**
 * Consents and ID numbers in MongoDB, keyed by the customer's id. The ID number is kept whole only here, in
 * customer-service's own store; {@code contactAllowed} is what the lists ask (R-CUS-13).
 */
public class MongoPersonalData implements PersonalDataStore {

    public static final String COLLECTION = "personal_data";

    record PersonalDocument(@Id String id, String siteId, String archiveNo, PersonalData.Consent keepData,
                            PersonalData.Consent contact, List<PersonalData.ConsentChange> history,
                            PersonalData.IdNumberRecord idNumber, Instant updatedAt, boolean contactAllowed, Long version) {

        static PersonalDocument of(PersonalData p) {
            return new PersonalDocument(p.customerId(), p.siteId(), p.archiveNo(), p.keepData(), p.contact(), p.history(), p.idNumber(),
                    p.updatedAt(), p.contactAllowed(), null);
        }

        PersonalData data() {
            return new PersonalData(id, siteId, archiveNo, keepData, contact, history, idNumber, updatedAt);
        }
    }

    private final DocumentStore<PersonalDocument, PersonalData> store;

    public MongoPersonalData(ScopedMongo mongo) {
        this.store = new DocumentStore<>(mongo, PersonalDocument.class, COLLECTION, PersonalDocument::data, PersonalDocument::of,
                d -> DocumentStore.versionOf(d.version()));
    }

    @Override
    public Mono<Stored<PersonalData>> byCustomer(SiteScope scope, String site, String customerId) {
        return store.byId(scope, site, customerId);
    }

    @Override
    public Flux<String> notToContact(SiteScope scope, String site) {
        return store.many(scope, site, Criteria.where("contactAllowed").is(false), Sort.by("_id"), 0).map(PersonalData::customerId);
    }

    @Override
    public Mono<Boolean> save(Caller caller, PersonalData data, long expectedVersion, List<PendingEvent> events) {
        return store.save(caller, data, expectedVersion, events);
    }
}
