package io.anchang.customer.adapter.web;

import io.anchang.customer.application.KeepingPersonalData;
import io.anchang.customer.application.RevealingPhones;
import io.anchang.customer.domain.privacy.PersonalData;
import io.anchang.platform.security.Caller;
import io.anchang.platform.validation.PlainText;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.util.List;

/**
 * Personal data (R-CUS-13): consent to keep the data and to be contacted, recorded and withdrawable; the ID card number,
 * checked, sent in a body (never a URL), answered masked; the whole number only by an audited reveal (R-SEC-3).
 */
@RestController
@RequestMapping("/api/customers/sites/{site}")
public class PrivacyController {

    private final KeepingPersonalData personal;

    public PrivacyController(KeepingPersonalData personal) {
        this.personal = personal;
    }

    public record ConsentBody(@NotNull PersonalData.Which which, @NotNull Boolean given, @NotNull PersonalData.How how,
                              @PlainText(max = 500, multiline = true) String note) {
    }

    /** An ID number as typed; {@code 40} characters at most, so that a wrong paste is a clear problem rather than a 400 on size. */
    public record IdNumberBody(@NotBlank @PlainText(max = 40) String idNumber) {
    }

    public record RevealBody(@NotBlank @PlainText(max = RevealingPhones.LONGEST_REASON, multiline = true) String reason) {
    }

    /** What the archive shows of a customer's personal data: consents and their history, the ID number masked. */
    public record PersonalDataView(String customerId, String archiveNo, PersonalData.Consent keepData, PersonalData.Consent contact,
                                   boolean contactAllowed, List<PersonalData.ConsentChange> history, String idNumber,
                                   String idNumberRecordedBy, Instant idNumberRecordedAt) {

        static PersonalDataView of(PersonalData d) {
            return new PersonalDataView(d.customerId(), d.archiveNo(), d.keepData(), d.contact(), d.contactAllowed(), d.history(),
                    d.idNumber() == null ? null : d.idNumber().number().masked(), d.idNumber() == null ? null : d.idNumber().by(),
                    d.idNumber() == null ? null : d.idNumber().at());
        }
    }

    @Operation(summary = "R-CUS-13: the customer's consents with their history, and the ID number masked")
    @GetMapping("/customers/{customer}/personal-data")
    public Mono<PersonalDataView> view(Caller caller, @PathVariable String site, @PathVariable String customer) {
        return personal.view(caller, site, customer).map(PersonalDataView::of);
    }

    @Operation(summary = "R-CUS-13: the customer gives or withdraws consent to keep their data (KEEP_DATA) or to be contacted (CONTACT), "
            + "with how they said it; a withdrawn consent takes them off every greeting and call list, and withdrawing KEEP_DATA erases "
            + "what care keeps and the ID number")
    @PostMapping("/customers/{customer}/consents")
    public Mono<PersonalDataView> consent(Caller caller, @PathVariable String site, @PathVariable String customer,
                                          @Valid @RequestBody ConsentBody body) {
        return personal.consent(caller, site, customer, body.which(), body.given(), body.how(), body.note()).map(PersonalDataView::of);
    }

    @Operation(summary = "R-CUS-13: the customer's ID card number, checked (18 characters, a real birth date, the check digit), answered masked")
    @PutMapping("/customers/{customer}/id-number")
    public Mono<PersonalDataView> idNumber(Caller caller, @PathVariable String site, @PathVariable String customer,
                                           @Valid @RequestBody IdNumberBody body) {
        return personal.recordIdNumber(caller, site, customer, body.idNumber()).map(PersonalDataView::of);
    }

    @Operation(summary = "R-SEC-3, R-CUS-13: the whole ID number, with the reason — the customer's rep, a SUPERVISOR, the MANAGER, FINANCE; audited")
    @PostMapping("/customers/{customer}/id-number/reveal")
    public Mono<KeepingPersonalData.Revealed> reveal(Caller caller, @PathVariable String site, @PathVariable String customer,
                                                     @Valid @RequestBody RevealBody body) {
        return personal.reveal(caller, site, customer, body.reason());
    }
}
