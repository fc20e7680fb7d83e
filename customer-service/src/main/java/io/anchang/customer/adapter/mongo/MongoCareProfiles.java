package io.anchang.customer.adapter.mongo;

import io.anchang.customer.application.CareProfiles;
import io.anchang.platform.store.Stored;
import io.anchang.customer.domain.care.CareProfile;
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
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/** Care profiles in MongoDB, keyed by the customer's id. */
public class MongoCareProfiles implements CareProfiles {

    public static final String COLLECTION = "care_profiles";

    record CareDocument(@Id String id, String siteId, String archiveNo, List<String> hobbies, String occupation, String industry,
                        List<CareProfile.Person> people, boolean festivalGreetings, CareProfile.Gift gift,
                        CareProfile.KeyPerson keyPerson, String note, String updatedBy, Instant updatedAt, boolean erased,
                        boolean isKeyPerson, Long version) {

        static CareDocument of(CareProfile p) {
            return new CareDocument(p.customerId(), p.siteId(), p.archiveNo(), p.hobbies(), p.occupation(), p.industry(), p.people(),
                    p.festivalGreetings(), p.gift(), p.keyPerson(), p.note(), p.updatedBy(), p.updatedAt(), p.erased(),
                    p.keyPerson() != null, null);
        }

        CareProfile profile() {
            return new CareProfile(id, siteId, archiveNo, hobbies, occupation, industry, people, festivalGreetings, gift, keyPerson,
                    note, updatedBy, updatedAt, erased);
        }
    }

    private final DocumentStore<CareDocument, CareProfile> store;

    public MongoCareProfiles(ScopedMongo mongo) {
        this.store = new DocumentStore<>(mongo, CareDocument.class, COLLECTION, CareDocument::profile, CareDocument::of,
                d -> DocumentStore.versionOf(d.version()));
    }

    @Override
    public Mono<Stored<CareProfile>> byCustomer(SiteScope scope, String site, String customerId) {
        return store.byId(scope, site, customerId);
    }

    @Override
    public Flux<CareProfile> ofCustomers(SiteScope scope, String site, Collection<String> customerIds) {
        if (customerIds.isEmpty()) {
            return Flux.empty();
        }
        return store.many(scope, site, Criteria.where("_id").in(customerIds), Sort.by("archiveNo"), 0);
    }

    @Override
    public Flux<CareProfile> keyPersons(SiteScope scope, String site, int limit) {
        return store.many(scope, site, Criteria.where("isKeyPerson").is(true), Sort.by("archiveNo"), limit);
    }

    /** The user's text quoted ({@link Pattern#quote}: "金融.*(" matches those characters, not a pattern), any case. */
    @Override
    public Flux<CareProfile> ofIndustry(SiteScope scope, String site, String part, int limit) {
        return store.many(scope, site, Criteria.where("industry").regex(Pattern.quote(part), "i"), Sort.by("archiveNo"), limit);
    }

    @Override
    public Mono<Boolean> save(Caller caller, CareProfile profile, long expectedVersion, List<PendingEvent> events) {
        return store.save(caller, profile, expectedVersion, events);
    }
}
