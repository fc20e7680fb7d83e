package io.anchang.customer.adapter.mongo;

import io.anchang.customer.domain.Absorbed;
import io.anchang.customer.domain.Arrangement;
import io.anchang.customer.domain.Claim;
import io.anchang.customer.domain.Complaint;
import io.anchang.customer.domain.Customer;
import io.anchang.customer.domain.DealCredit;
import io.anchang.customer.domain.Dispute;
import io.anchang.customer.domain.FollowUp;
import io.anchang.customer.domain.Merge;
import io.anchang.customer.domain.VisitRecord;
import io.anchang.platform.phone.Phone;
import io.anchang.platform.phone.PhoneKey;
import org.springframework.data.annotation.Id;

import java.time.Instant;
import java.util.List;

/**
 * A customer as stored: the aggregate's fields, plus what queries look for — the owner, the
 * visit ids, whether a complaint awaits a SUPERVISOR and whether a dispute is open, the record a
 * tombstone points to — and {@code phoneKeys}, under a unique index, so that no two records of a
 * site that stand on their own ever share a phone (R-CUS-3), whoever writes first. A phone is
 * looked up by its keyed hash ({@link PhoneKey}, R-SEC-3): no query, index or log of the store
 * holds a number whole; only {@code phones} does, read by this service alone.
 *
 * @param phoneHashes the keyed hash of each phone, what a lookup by phone asks for
 * @param phoneKeys   {@code site|<keyed hash>} per phone of a record that stands on its own; a record
 *                    being merged or merged away has given its phones up to the survivor and holds a
 *                    key of its own instead
 */
record CustomerDocument(@Id String id, String siteId, String archiveNo, String name, List<String> phones, String source,
                        Instant registeredAt, String registeredBy, String referredBy, String householdOf,
                        List<Claim> claims, List<Arrangement> arrangements, List<VisitRecord> visits,
                        List<Complaint> complaints, List<FollowUp> followUps, List<Dispute> disputes, List<DealCredit> deals,
                        Merge merge, List<Absorbed> absorbed,
                        String owner, List<String> visitIds, List<String> pendingComplaints,
                        List<String> openDisputes, List<String> complaintIds, List<String> disputeIds, String mergedInto,
                        List<String> phoneHashes, List<String> phoneKeys, Long version) {

    static final String COLLECTION = "customers";
    static final String PHONE_KEYS = "phoneKeys";
    static final String PHONE_HASHES = "phoneHashes";

    static CustomerDocument of(Customer c, PhoneKey key) {
        List<String> hashes = c.phones().stream().map(phone -> key.hash(new Phone(phone))).toList();
        return new CustomerDocument(c.id(), c.siteId(), c.archiveNo(), c.name(), c.phones(), c.source(), c.registeredAt(),
                c.registeredBy(), c.referredBy(), c.householdOf(), c.claims(), c.arrangements(), c.visits(), c.complaints(),
                c.followUps(), c.disputes(), c.deals(), c.merge(), c.absorbed(), c.owner().orElse(null),
                c.visits().stream().map(VisitRecord::visitId).toList(),
                c.complaints().stream().filter(Complaint::pending).map(Complaint::id).toList(),
                c.disputes().stream().filter(Dispute::open).map(Dispute::id).toList(),
                c.complaints().stream().map(Complaint::id).toList(),
                c.disputes().stream().map(Dispute::id).toList(), c.mergedInto().orElse(null),
                hashes, c.active() ? hashes.stream().map(hash -> c.siteId() + "|" + hash).toList() : List.of("~" + c.id()), null);
    }

    Customer customer() {
        return new Customer(id, siteId, archiveNo, name, phones, source, registeredAt, registeredBy, referredBy, householdOf,
                claims, arrangements, visits, complaints, followUps, disputes, deals, merge, absorbed);
    }
}
