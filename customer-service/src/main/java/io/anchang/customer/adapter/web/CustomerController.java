package io.anchang.customer.adapter.web;

import io.anchang.customer.application.AddingPhones;
import io.anchang.customer.application.FindingEarlierRep;
import io.anchang.customer.application.FollowingUp;
import io.anchang.customer.application.MergingCustomers;
import io.anchang.customer.application.ReadingCustomers;
import io.anchang.customer.application.RevealingPhones;
import io.anchang.platform.api.attribution.AttributionAnswer;
import io.anchang.platform.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.util.List;

/**
 * The archive: customers by phone (in the request body, never in a URL) or id, their credit at any moment, follow-ups,
 * more phones for one customer, the merge of two records of one person (R-CUS-3), and the reveal of a customer's full
 * numbers — the only way to them, audited (R-SEC-3). Flow 1's question is for reception-service ({@link ServiceController}).
 */
@RestController
@RequestMapping("/api/customers/sites/{site}")
public class CustomerController {

    private final ReadingCustomers reading;
    private final FollowingUp followingUp;
    private final FindingEarlierRep finding;
    private final AddingPhones phones;
    private final MergingCustomers merging;
    private final RevealingPhones revealing;

    public CustomerController(ReadingCustomers reading, FollowingUp followingUp, FindingEarlierRep finding, AddingPhones phones,
                              MergingCustomers merging, RevealingPhones revealing) {
        this.reading = reading;
        this.revealing = revealing;
        this.followingUp = followingUp;
        this.finding = finding;
        this.phones = phones;
        this.merging = merging;
    }

    public record NewFollowUp(@NotBlank @Size(max = 20) String method, @NotBlank @Size(max = 2000) String note) {
    }

    public record EarlierRep(@NotBlank String earlierCustomerId, String followUpBy) {
    }

    public record NewPhone(@NotBlank @Size(max = 40) String phone) {
    }

    /** A search by phone, in any usual spelling: in the body, so that no URL or access log holds the number (R-SEC-3). */
    public record PhoneSearch(@NotBlank @Size(max = 40) String phone) {
    }

    /** Why the full number is needed (R-SEC-3): it goes to the audit trail with who and when. */
    public record Reveal(@NotBlank @Size(max = RevealingPhones.LONGEST_REASON) String reason) {
    }

    /** A customer's numbers whole (E.164): the answer of a reveal, and only of a reveal. */
    public record RevealedView(String customerId, String archiveNo, List<String> phones, String revealedBy, Instant revealedAt,
                               String reason) {
    }

    /** @param other the other record's id or archive number */
    public record Merger(@NotBlank @Size(max = 64) String other, @NotBlank @Size(max = 2000) String reason) {
    }

    @Operation(summary = "The customer a phone number identifies, in any spelling (R-CUS-3); the phone in the body, phones answered masked (R-SEC-3)")
    @PostMapping("/customers/search")
    public Mono<Views.CustomerView> byPhone(Caller caller, @PathVariable String site, @Valid @RequestBody PhoneSearch search) {
        return reading.byPhone(caller, site, search.phone()).map(Views::customer);
    }

    @Operation(summary = "R-SEC-3: the customer's full phone numbers, with the reason — for the owner rep, the site's SUPERVISOR and MANAGER, "
            + "and FINANCE; each reveal is audited (who, when, why), a refused attempt too")
    @PostMapping("/customers/{customerId}/phones/reveal")
    public Mono<RevealedView> reveal(Caller caller, @PathVariable String site, @PathVariable String customerId,
                                     @Valid @RequestBody Reveal reveal) {
        return revealing.reveal(caller, site, customerId, reveal.reason()).map(r -> new RevealedView(r.customerId(), r.archiveNo(),
                r.phones(), r.revealedBy(), r.at(), r.reason()));
    }

    @Operation(summary = "A customer: archive number, claims, visits, complaints, follow-ups, disputes; phones masked")
    @GetMapping("/customers/{customerId}")
    public Mono<Views.CustomerView> byId(Caller caller, @PathVariable String site, @PathVariable String customerId) {
        return reading.byId(caller, site, customerId).map(Views::customer);
    }

    @Operation(summary = "R-ATT-17: the credit and bonus shares valid at a moment (now by default)")
    @GetMapping("/customers/{customerId}/credit")
    public Mono<Views.CreditView> credit(Caller caller, @PathVariable String site, @PathVariable String customerId,
                                         @RequestParam(required = false) Instant at) {
        return reading.byId(caller, site, customerId).flatMap(found -> reading.credit(caller, site, customerId, at)
                .map(credit -> Views.credit(credit, at == null ? found.at() : at, found.rules())));
    }

    @Operation(summary = "R-ATT-12: a follow-up, by the rep who holds the credit")
    @PostMapping("/customers/{customerId}/follow-ups")
    public Mono<Views.CustomerView> followUp(Caller caller, @PathVariable String site, @PathVariable String customerId,
                                             @Valid @RequestBody NewFollowUp followUp) {
        return followingUp.record(caller, site, customerId, followUp.method(), followUp.note())
                .then(reading.byId(caller, site, customerId)).map(Views::customer);
    }

    @Operation(summary = "A SUPERVISOR checks a follow-up (renews the claim where the site counts checked follow-ups, R-ATT-2)")
    @PostMapping("/customers/{customerId}/follow-ups/{number}/check")
    public Mono<Views.CustomerView> checkFollowUp(Caller caller, @PathVariable String site, @PathVariable String customerId,
                                                  @PathVariable int number) {
        return followingUp.check(caller, site, customerId, number).then(reading.byId(caller, site, customerId)).map(Views::customer);
    }

    @Operation(summary = "R-CUS-3: one more phone for a customer, in any usual spelling (the owner rep, a SUPERVISOR or the MANAGER); "
            + "a phone of another customer of the site is refused (409) naming that customer's archive number")
    @PostMapping("/customers/{customerId}/phones")
    public Mono<Views.CustomerView> addPhone(Caller caller, @PathVariable String site, @PathVariable String customerId,
                                             @Valid @RequestBody NewPhone phone) {
        return phones.add(caller, site, customerId, phone.phone()).flatMap(c -> reading.byId(caller, site, c.id())).map(Views::customer);
    }

    @Operation(summary = "R-CUS-3: the MANAGER merges two records of one person (the other given by id or archive number, with the reason); "
            + "the one registered earliest survives with both histories, the other leads to it from then on")
    @PostMapping("/customers/{customerId}/merge")
    public Mono<Views.CustomerView> merge(Caller caller, @PathVariable String site, @PathVariable String customerId,
                                          @Valid @RequestBody Merger merger) {
        return merging.merge(caller, site, customerId, merger.other(), merger.reason())
                .flatMap(c -> reading.byId(caller, site, c.id())).map(Views::customer);
    }

    @Operation(summary = "R-ATT-10: the receiving rep found the customer's earlier rep in the archive")
    @PostMapping("/visits/{visitId}/earlier-rep")
    public Mono<AttributionAnswer> earlierRep(Caller caller, @PathVariable String site, @PathVariable String visitId,
                                              @Valid @RequestBody EarlierRep found) {
        return finding.found(caller, site, visitId, found.earlierCustomerId(), found.followUpBy());
    }
}
