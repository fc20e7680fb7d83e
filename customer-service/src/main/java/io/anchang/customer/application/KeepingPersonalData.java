package io.anchang.customer.application;

import io.anchang.platform.store.Stored;
import io.anchang.customer.domain.Customer;
import io.anchang.customer.domain.privacy.IdNumber;
import io.anchang.customer.domain.privacy.PersonalData;
import io.anchang.platform.audit.AuditRecord;
import io.anchang.platform.audit.AuditTrail;
import io.anchang.platform.events.customer.ConsentChanged;
import io.anchang.platform.events.customer.IdNumberRecorded;
import io.anchang.platform.outbox.PendingEvent;
import io.anchang.platform.problem.ProblemException;
import io.anchang.platform.security.Caller;
import io.anchang.platform.site.Role;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * R-CUS-13: the customer's consent to keep their data and to be contacted, recorded with its time and how it was given,
 * and withdrawable; the ID card number checked (18 characters, a real birth date, the check digit), kept whole in this
 * service only and shown masked; its whole value only by an audited reveal, as for phones (R-SEC-3).
 */
public class KeepingPersonalData {

    public static final String ID_REVEALED = "customer.id-number-revealed";
    public static final String ID_REVEAL_REFUSED = "security.id-number-reveal-refused";

    private final Archive archive;
    private final PersonalDataStore store;
    private final AuditTrail audit;

    public KeepingPersonalData(Archive archive, PersonalDataStore store, AuditTrail audit) {
        this.archive = archive;
        this.store = store;
        this.audit = audit;
    }

    /** The whole ID number as a reveal answers it, with who asked, when and why. */
    public record Revealed(String customerId, String archiveNo, String idNumber, String revealedBy, Instant at, String reason) {
    }

    /** R-CUS-13: the site's staff record a consent given or withdrawn, as the customer said it. */
    public Mono<PersonalData> consent(Caller caller, String site, String customerRef, PersonalData.Which which, boolean given,
                                      PersonalData.How how, String note) {
        caller.requireOn(site, Role.SALES, Role.ASSISTANT);
        if (which == null) {
            throw ProblemException.invalid("consent-which-missing", "请注明是保存资料（KEEP_DATA）还是联系（CONTACT）的同意");
        }
        return archive.customer(caller, site, customerRef).flatMap(customer -> Changes.change(
                () -> store.byCustomer(caller.scope(), site, customer.id()), stored -> {
                    PersonalData before = stored.value() != null ? stored.value()
                            : PersonalData.none(customer.id(), site, customer.archiveNo());
                    Instant now = archive.clock().instant();
                    PersonalData after = before.consented(which, given, how, note, caller.userId(), now);
                    if (after == before && stored.value() != null) {
                        return Mono.just(after);
                    }
                    PendingEvent event = PendingEvent.of(site, customer.id(), new ConsentChanged(customer.id(), site, customer.archiveNo(),
                                    PersonalData.state(after.keepData()), PersonalData.state(after.contact()), how.name(), caller.userId(), now))
                            .before(Map.of("keepData", String.valueOf(PersonalData.state(before.keepData())),
                                    "contact", String.valueOf(PersonalData.state(before.contact()))))
                            .because("R-CUS-13 " + (given ? "同意" : "撤回") + (which == PersonalData.Which.KEEP_DATA ? "保存资料" : "联系")
                                    + (note == null || note.isBlank() ? "" : "：" + note));
                    return Changes.written(store.save(caller, after, stored.version(), List.of(event)), after);
                }));
    }

    /** R-CUS-13: the ID number, checked, recorded by the customer's rep, a SUPERVISOR, the MANAGER or FINANCE. */
    public Mono<PersonalData> recordIdNumber(Caller caller, String site, String customerRef, String raw) {
        caller.requireOn(site, Role.SALES, Role.FINANCE);
        return Mono.zip(archive.customer(caller, site, customerRef), archive.today(caller, site)).flatMap(found -> {
            Customer customer = found.getT1();
            if (!caller.has(Role.FINANCE)) {
                Archive.requireTheirRep(caller, customer);
            }
            IdNumber number = IdNumber.parse(raw, found.getT2());
            return Changes.change(() -> store.byCustomer(caller.scope(), site, customer.id()), stored -> {
                PersonalData before = stored.value() != null ? stored.value() : PersonalData.none(customer.id(), site, customer.archiveNo());
                Instant now = archive.clock().instant();
                PersonalData after = before.withIdNumber(number, caller.userId(), now);
                if (after == before) {
                    return Mono.just(after);
                }
                // R-SEC-3: the event and the audit trail carry the number masked, never whole
                PendingEvent event = PendingEvent.of(site, customer.id(), new IdNumberRecorded(customer.id(), site, customer.archiveNo(),
                                number.masked(), caller.userId(), now))
                        .before(before.idNumber() == null ? null : before.idNumber().number().masked())
                        .because("R-CUS-13 身份证号码已核验");
                return Changes.written(store.save(caller, after, stored.version(), List.of(event)), after);
            });
        });
    }

    /** Consents, their history and the ID number masked; the site's sales staff, ASSISTANT and FINANCE. */
    public Mono<PersonalData> view(Caller caller, String site, String customerRef) {
        Archive.requireReader(caller, site, Role.SALES, Role.ASSISTANT, Role.FINANCE);
        return archive.customer(caller, site, customerRef).flatMap(customer -> store.byCustomer(caller.scope(), site, customer.id())
                .map(Stored::value).defaultIfEmpty(PersonalData.none(customer.id(), site, customer.archiveNo())));
    }

    /**
     * R-CUS-13, R-SEC-3: the whole ID number, for the customer's rep, a SUPERVISOR, the MANAGER or FINANCE, with a reason;
     * on the audit trail (number masked) before it is answered. Anyone else is refused, and that is audited too.
     */
    public Mono<Revealed> reveal(Caller caller, String site, String customerRef, String reason) {
        caller.scope().requireWrite(site);
        if (reason == null || reason.isBlank() || reason.length() > RevealingPhones.LONGEST_REASON) {
            throw ProblemException.invalid("reveal-reason-required", "查看完整身份证号码须写明原因（不超过" + RevealingPhones.LONGEST_REASON
                    + "字），将记入审计 (Give the reason, at most " + RevealingPhones.LONGEST_REASON + " characters)");
        }
        boolean byRole = caller.hasAny(Role.SUPERVISOR, Role.FINANCE);
        return archive.customer(caller, site, customerRef)
                .onErrorResume(ProblemException.class, e -> byRole ? Mono.error(e) : Mono.empty())
                .filter(customer -> byRole || caller.userId().equals(customer.owner().orElse(null)))
                .switchIfEmpty(Mono.defer(() -> audit.record(new AuditRecord(UUID.randomUUID().toString(), site, archive.clock().instant(),
                                caller.userId(), ID_REVEAL_REFUSED, customerRef.length() > 64 ? customerRef.substring(0, 64) : customerRef, null,
                                null, "R-SEC-3 拒绝查看完整身份证号码：" + caller.name() + " 不是客户的置业顾问，也不是销售主任、销售经理或财务"))
                        .then(Mono.error(ProblemException.forbidden("reveal-not-allowed", "只有客户的置业顾问、销售主任、销售经理和财务可以查看完整身份证号码；"
                                + "此次尝试已记入审计 (Only the customer's rep, a SUPERVISOR, the MANAGER or FINANCE may; this attempt was audited)").audited()))))
                .flatMap(customer -> store.byCustomer(caller.scope(), site, customer.id()).map(Stored::value)
                        .filter(data -> data.idNumber() != null)
                        .switchIfEmpty(Mono.error(() -> ProblemException.notFound("id-number-unknown", "客户 " + customer.archiveNo()
                                + " 没有登记身份证号码 (No ID number is recorded for this customer)")))
                        .flatMap(data -> {
                            Instant now = archive.clock().instant();
                            String masked = data.idNumber().number().masked();
                            // the trail first: a reveal it could not record is not answered
                            return audit.record(new AuditRecord(UUID.randomUUID().toString(), site, now, caller.userId(), ID_REVEALED,
                                            customer.id(), null, "{\"archiveNo\":\"" + customer.archiveNo() + "\",\"idNumber\":\"" + masked + "\"}",
                                            "R-SEC-3 " + reason.strip()))
                                    .thenReturn(new Revealed(customer.id(), customer.archiveNo(), data.idNumber().number().value(),
                                            caller.userId(), now, reason.strip()));
                        }));
    }
}
