package io.anchang.customer.adapter.web;

import io.anchang.customer.application.KeepingCards;
import io.anchang.customer.application.SearchingArchive;
import io.anchang.customer.application.TrackingCustomers;
import io.anchang.customer.domain.Customer;
import io.anchang.customer.domain.FollowUp;
import io.anchang.customer.domain.card.CustomerCard;
import io.anchang.platform.phone.Phone;
import io.anchang.platform.security.Caller;
import io.anchang.platform.validation.PlainText;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The customer's card (R-CUS-1, 2, 4, 6, 7): class, status, notebook, deals, the tracking form (R-CUS-5); the rep's and the
 * SUPERVISOR's follow-up lists; the archive searched a page at a time, the deal archive and the audited export (R-CUS-13).
 */
@RestController
@RequestMapping("/api/customers/sites/{site}")
public class CardController {

    private final KeepingCards cards;
    private final TrackingCustomers tracking;
    private final SearchingArchive searching;

    public CardController(KeepingCards cards, TrackingCustomers tracking, SearchingArchive searching) {
        this.cards = cards;
        this.tracking = tracking;
        this.searching = searching;
    }

    public record ClassBody(@NotNull CustomerCard.IntentClass intentClass, @PlainText(max = 500, multiline = true) String reason) {
    }

    public record NotebookBody(@PlainText(max = 4000, multiline = true) String background,
                               @PlainText(max = 4000, multiline = true) String suggestions,
                               @PlainText(max = 4000, multiline = true) String reasonsNotBuying,
                               @PlainText(max = 4000, multiline = true) String refundReasons,
                               @PlainText(max = 8000, multiline = true) String notes) {
    }

    public record ReasonBody(@NotBlank @PlainText(max = 1000, multiline = true) String reason) {
    }

    public record OptionalReasonBody(@PlainText(max = 1000, multiline = true) String reason) {
    }

    /**
     * A tracking form's line (客户追踪表): how (电话, 来访, 微信 …), what was said, the customer's objections (抗性), the next
     * step and the day of the next follow-up; {@code day} the follow-up took place (today if empty).
     */
    public record TrackingBody(@NotBlank @PlainText(max = 20) String method, @NotBlank @PlainText(max = 2000, multiline = true) String note,
                               LocalDate day, @PlainText(max = 1000, multiline = true) String objections,
                               @PlainText(max = 500, multiline = true) String nextStep, LocalDate nextDate) {
    }

    public record VisitLine(Instant at, String servedBy, String servedByName, String ruleId) {
    }

    public record FollowUpLine(int number, String rep, Instant at, String method, String note, FollowUp.Tracking tracking,
                               String checkedBy, Instant checkedAt) {
    }

    /**
     * A customer's card: who they are (phones masked), whose they are, their class and its history, their status and its
     * history, the notebook, visit times from the register, the deals, and the tracking form's follow-ups.
     */
    public record CardView(String customerId, String archiveNo, String name, List<String> phones, String source, Instant registeredAt,
                           String owner, String ownerName, CustomerCard.IntentClass intentClass, List<CustomerCard.ClassChange> classHistory,
                           CustomerCard.Status status, String statusName, List<CustomerCard.StatusChange> statusHistory,
                           CustomerCard.Notebook notebook, List<VisitLine> visits, List<CustomerCard.DealStep> deals,
                           List<FollowUpLine> followUps, LocalDate nextFollowUp) {

        static CardView of(KeepingCards.Found found) {
            Customer c = found.customer();
            CustomerCard card = found.card();
            FollowUp last = c.followUps().isEmpty() ? null : c.followUps().get(c.followUps().size() - 1);
            return new CardView(c.id(), c.archiveNo(), c.name(), c.phones().stream().map(p -> new Phone(p).masked()).toList(), c.source(),
                    c.registeredAt(), c.owner().orElse(null), found.rules().name(c.owner().orElse(null)), card.intentClass(),
                    card.classHistory(), card.status(), card.status().chinese(), card.statusHistory(), card.notebook(),
                    c.visits().stream().map(v -> new VisitLine(v.at(), v.server(), found.rules().name(v.server()), v.ruleId())).toList(),
                    card.deals(), c.followUps().stream().map(f -> new FollowUpLine(f.number(), f.rep(), f.at(), f.method(), f.note(),
                    f.tracking(), f.checkedBy(), f.checkedAt())).toList(),
                    last == null || last.tracking() == null ? null : last.tracking().nextDate());
        }
    }

    @Operation(summary = "The customer's card (id or archive number): class and its history, status and its history, notebook, visit "
            + "times, deals, the tracking form; phones masked")
    @GetMapping("/customers/{customer}/card")
    public Mono<CardView> card(Caller caller, @PathVariable String site, @PathVariable String customer) {
        return cards.find(caller, site, customer).map(CardView::of);
    }

    @Operation(summary = "R-CUS-2: the customer's rep (R-ATT-12), a SUPERVISOR or the MANAGER (re)classifies the customer A, B, C or D; "
            + "the history keeps who and when")
    @PutMapping("/customers/{customer}/class")
    public Mono<CardView> classify(Caller caller, @PathVariable String site, @PathVariable String customer, @Valid @RequestBody ClassBody body) {
        return cards.classify(caller, site, customer, body.intentClass(), body.reason()).then(cards.find(caller, site, customer)).map(CardView::of);
    }

    @Operation(summary = "R-CUS-4: the rep's notebook — background, suggestions, reasons for not buying and for refunds, notes — written whole")
    @PutMapping("/customers/{customer}/notebook")
    public Mono<CardView> notebook(Caller caller, @PathVariable String site, @PathVariable String customer,
                                   @Valid @RequestBody NotebookBody body) {
        return cards.writeNotebook(caller, site, customer, body.background(), body.suggestions(), body.reasonsNotBuying(), body.refundReasons(),
                body.notes()).then(cards.find(caller, site, customer)).map(CardView::of);
    }

    @Operation(summary = "R-CUS-6: the deal did not happen (交易不成功): the reason is kept, the customer stays to be followed again")
    @PostMapping("/customers/{customer}/lost")
    public Mono<CardView> lost(Caller caller, @PathVariable String site, @PathVariable String customer, @Valid @RequestBody ReasonBody body) {
        return cards.lost(caller, site, customer, body.reason()).then(cards.find(caller, site, customer)).map(CardView::of);
    }

    @Operation(summary = "R-CUS-6: a lost customer is followed again")
    @PostMapping("/customers/{customer}/reopen")
    public Mono<CardView> reopen(Caller caller, @PathVariable String site, @PathVariable String customer,
                                 @Valid @RequestBody OptionalReasonBody body) {
        return cards.reopen(caller, site, customer, body.reason()).then(cards.find(caller, site, customer)).map(CardView::of);
    }

    @Operation(summary = "R-CUS-5, R-ATT-12: a line of the tracking form, by the rep who holds the credit: method, what was said, objections, "
            + "next step and the next follow-up's day; the day it took place lies between the customer's registration and today")
    @PostMapping("/customers/{customer}/tracking")
    public Mono<CardView> track(Caller caller, @PathVariable String site, @PathVariable String customer, @Valid @RequestBody TrackingBody body) {
        return tracking.track(caller, site, customer, body.method(), body.note(), body.day(), body.objections(), body.nextStep(), body.nextDate())
                .then(cards.find(caller, site, customer)).map(CardView::of);
    }

    @Operation(summary = "R-CUS-5: a rep's follow-ups due today (or ?day=) and those overdue; a SUPERVISOR or the MANAGER may read any rep's (?rep=)")
    @GetMapping("/follow-ups/today")
    public Mono<TrackingCustomers.DayList> today(Caller caller, @PathVariable String site, @RequestParam(required = false) @PlainText(max = 64) String rep,
                                                 @RequestParam(required = false) LocalDate day) {
        return tracking.dayList(caller, site, rep, day);
    }

    @Operation(summary = "R-CUS-5: the SUPERVISOR's check — every rep's overdue follow-ups, by rep")
    @GetMapping("/follow-ups/overdue")
    public Mono<Map<String, List<TrackingCustomers.Due>>> overdue(Caller caller, @PathVariable String site) {
        return tracking.overdue(caller, site);
    }

    @Operation(summary = "R-CUS-1, R-CUS-2: the archive searched by name, masked phone or its last digits (never a whole number in a URL), "
            + "archive number, class, status, owner and registration days, newest first, a page at a time (size ≤ 100)")
    @GetMapping("/archive")
    public Mono<SearchingArchive.Page> search(Caller caller, @PathVariable String site,
                                              @RequestParam(required = false) @PlainText(max = 50) String name,
                                              @RequestParam(required = false) @PlainText(max = 20) String phone,
                                              @RequestParam(required = false) @PlainText(max = 40) String archiveNo,
                                              @RequestParam(name = "class", required = false) Set<CustomerCard.IntentClass> classes,
                                              @RequestParam(required = false) Set<CustomerCard.Status> status,
                                              @RequestParam(required = false) @PlainText(max = 64) String owner,
                                              @RequestParam(required = false) LocalDate from, @RequestParam(required = false) LocalDate to,
                                              @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        return searching.search(caller, site, new SearchingArchive.Criteria(name, phone, archiveNo, classes, status, owner, from, to), page, size);
    }

    @Operation(summary = "R-CUS-7: the deal archive — customers who bought, owners, owners who referred others — for revisits")
    @GetMapping("/deal-archive")
    public Mono<SearchingArchive.Page> dealArchive(Caller caller, @PathVariable String site, @RequestParam(defaultValue = "0") int page,
                                                   @RequestParam(defaultValue = "20") int size) {
        return searching.dealArchive(caller, site, page, size);
    }

    @Operation(summary = "R-CUS-13: the MANAGER exports a search as CSV (phones masked); every export is on the audit trail")
    @GetMapping(value = "/exports/customers.csv", produces = "text/csv")
    public Mono<ResponseEntity<byte[]>> export(Caller caller, @PathVariable String site,
                                               @RequestParam(required = false) @PlainText(max = 50) String name,
                                               @RequestParam(required = false) @PlainText(max = 20) String phone,
                                               @RequestParam(required = false) @PlainText(max = 40) String archiveNo,
                                               @RequestParam(name = "class", required = false) Set<CustomerCard.IntentClass> classes,
                                               @RequestParam(required = false) Set<CustomerCard.Status> status,
                                               @RequestParam(required = false) @PlainText(max = 64) String owner,
                                               @RequestParam(required = false) LocalDate from, @RequestParam(required = false) LocalDate to) {
        return searching.export(caller, site, new SearchingArchive.Criteria(name, phone, archiveNo, classes, status, owner, from, to))
                .map(csv -> ResponseEntity.ok()
                        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"customers-" + site + ".csv\"")
                        .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                        .body(csv.getBytes(StandardCharsets.UTF_8)));
    }
}
