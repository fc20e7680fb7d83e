package io.anchang.customer.adapter.web;

import io.anchang.customer.application.AddingPhones;
import io.anchang.customer.application.AttributingVisits;
import io.anchang.customer.application.FindingEarlierRep;
import io.anchang.customer.application.FollowingUp;
import io.anchang.customer.application.MergingCustomers;
import io.anchang.customer.application.ReadingCustomers;
import io.anchang.platform.api.attribution.AttributionAnswer;
import io.anchang.platform.api.attribution.AttributionRequest;
import io.anchang.platform.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
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

/**
 * Flow 1's question from the desk, and the archive: customers by phone or id, their credit at any moment, follow-ups,
 * more phones for one customer and the merge of two records of one person (R-CUS-3).
 */
@RestController
@RequestMapping("/api/customers/sites/{site}")
public class CustomerController {

    private final AttributingVisits attributing;
    private final ReadingCustomers reading;
    private final FollowingUp followingUp;
    private final FindingEarlierRep finding;
    private final AddingPhones phones;
    private final MergingCustomers merging;

    public CustomerController(AttributingVisits attributing, ReadingCustomers reading, FollowingUp followingUp,
                              FindingEarlierRep finding, AddingPhones phones, MergingCustomers merging) {
        this.attributing = attributing;
        this.reading = reading;
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

    /** @param other the other record's id or archive number */
    public record Merger(@NotBlank @Size(max = 64) String other, @NotBlank @Size(max = 2000) String reason) {
    }

    @Operation(summary = "Flow 1: resolve the visitor or caller by phone and apply the attribution rules once per visit id (the desk, through reception-service)")
    @PostMapping("/attributions")
    public Mono<AttributionAnswer> attribute(Caller caller, @PathVariable String site, @Valid @NotNull @RequestBody AttributionRequest request) {
        return attributing.attribute(caller, site, request);
    }

    @Operation(summary = "The customer a phone number identifies, in any spelling (R-CUS-3); phones masked")
    @GetMapping("/customers")
    public Mono<Views.CustomerView> byPhone(Caller caller, @PathVariable String site, @RequestParam String phone) {
        return reading.byPhone(caller, site, phone).map(Views::customer);
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
