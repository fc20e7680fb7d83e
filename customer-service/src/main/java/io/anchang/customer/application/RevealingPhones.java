package io.anchang.customer.application;

import io.anchang.customer.domain.Customer;
import io.anchang.platform.audit.AuditRecord;
import io.anchang.platform.audit.AuditTrail;
import io.anchang.platform.phone.Phone;
import io.anchang.platform.problem.ProblemException;
import io.anchang.platform.security.Caller;
import io.anchang.platform.site.Role;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * R-SEC-3: the only way to a customer's full phone numbers. Allowed to the customer's owner rep, the site's SUPERVISOR
 * and MANAGER, and FINANCE, with a reason; each reveal goes to the site's audit trail — who, when, why, which customer
 * (phones masked there) — before the numbers are answered, so that no reveal goes unrecorded. A refused attempt is
 * audited too, also when the customer does not exist (R-SEC-4), and answered alike, so that ids cannot be probed.
 */
public class RevealingPhones {

    public static final String REVEALED = "customer.phones-revealed";
    public static final String REFUSED = "security.phone-reveal-refused";
    public static final int LONGEST_REASON = 500;

    private final Customers customers;
    private final AuditTrail audit;
    private final Clock clock;

    public RevealingPhones(Customers customers, AuditTrail audit, Clock clock) {
        this.customers = customers;
        this.audit = audit;
        this.clock = clock;
    }

    /** The numbers whole (E.164), who asked and when. */
    public record Revealed(String customerId, String archiveNo, List<String> phones, String revealedBy, Instant at, String reason) {
    }

    public Mono<Revealed> reveal(Caller caller, String site, String customerId, String reason) {
        caller.scope().requireWrite(site);
        if (reason == null || reason.isBlank() || reason.length() > LONGEST_REASON) {
            throw ProblemException.invalid("reveal-reason-required", "查看完整电话须写明原因（不超过" + LONGEST_REASON
                    + "字），将记入审计 (Give the reason for revealing the number, at most " + LONGEST_REASON + " characters)");
        }
        boolean byRole = caller.hasAny(Role.SUPERVISOR, Role.FINANCE);
        return customers.byId(caller.scope(), site, customerId)
                .filter(stored -> byRole || caller.userId().equals(stored.value().owner().orElse(null)))
                .switchIfEmpty(Mono.defer(() -> byRole ? Mono.error(CustomerChanges.unknownCustomer(customerId))
                        : refused(caller, site, customerId, reason).then(Mono.error(forbidden().audited()))))
                .flatMap(stored -> {
                    Customer customer = stored.value();
                    Instant now = clock.instant();
                    AuditRecord record = new AuditRecord(UUID.randomUUID().toString(), site, now, caller.userId(), REVEALED,
                            customer.id(), null, "{\"archiveNo\":" + AuditRecord.json(customer.archiveNo()) + ",\"phones\":"
                            + CustomerEvents.maskedAll(customer).stream().map(AuditRecord::json).toList()
                            + ",\"name\":" + AuditRecord.json(caller.name()) + ",\"roles\":" + AuditRecord.json(String.valueOf(caller.roles())) + "}",
                            "R-SEC-3 " + reason.strip());
                    // the trail first: a reveal it could not record is not answered
                    return audit.record(record).thenReturn(new Revealed(customer.id(), customer.archiveNo(), customer.phones(),
                            caller.userId(), now, reason.strip()));
                });
    }

    private Mono<Void> refused(Caller caller, String site, String customerId, String reason) {
        return audit.recordRefusal(new AuditRecord(UUID.randomUUID().toString(), site, clock.instant(), caller.userId(), REFUSED,
                customerId.length() > 64 ? customerId.substring(0, 64) : customerId, null,
                "{\"name\":" + AuditRecord.json(caller.name()) + ",\"roles\":" + AuditRecord.json(String.valueOf(caller.roles())) + "}",
                "R-SEC-3 拒绝查看完整电话：" + caller.name() + " 不是客户的置业顾问，也不是销售主任、销售经理或财务；所述原因："
                        + (reason.length() > 100 ? reason.substring(0, 100) + "…" : reason)));
    }

    private static ProblemException forbidden() {
        return ProblemException.forbidden("reveal-not-allowed", "只有客户的置业顾问、销售主任、销售经理和财务可以查看完整电话；此次尝试已记入审计"
                + " (Only the customer's rep, a SUPERVISOR, the MANAGER or FINANCE may reveal the number; this attempt was audited)");
    }
}
