package io.anchang.customer.domain;

import io.anchang.platform.api.attribution.AttributionRequest;
import io.anchang.platform.api.attribution.Channel;
import io.anchang.platform.api.attribution.Desk;
import io.anchang.platform.api.attribution.RepStatus;
import io.anchang.platform.api.attribution.Statement;
import io.anchang.platform.site.PolicySettings;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Customers, desks and visits for the rules' tests: reps A, B, C, D of site SH01, Shanghai time. */
final class CustomerFixture {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final Instant T0 = Instant.parse("2026-03-02T02:00:00Z"); // 10:00 in Shanghai
    static final PolicySettings DEFAULTS = PolicySettings.defaults();

    private CustomerFixture() {
    }

    static AttributionRules rules() {
        return new AttributionRules(DEFAULTS, ZONE, id -> id);
    }

    /**
     * A desk: the up rep, then each rep and status as "A:AVAILABLE", "B:OUT"… in turn order; on deck, as reception gives
     * it with nobody owed a turn, the first AVAILABLE rep after the up rep.
     */
    static Desk desk(String up, String... reps) {
        List<Desk.DeskRep> list = new ArrayList<>();
        for (String rep : reps) {
            String[] parts = rep.split(":");
            list.add(new Desk.DeskRep(parts[0], parts[0], RepStatus.valueOf(parts[1])));
        }
        String onDeck = up == null ? null : list.stream().filter(r -> r.status() == RepStatus.AVAILABLE && !r.userId().equals(up))
                .map(Desk.DeskRep::userId).findFirst().orElse(null);
        return new Desk(up, false, list, onDeck);
    }

    static Statement says() {
        return Statement.none();
    }

    static Statement asksFor(String rep, boolean firstVisit) {
        return new Statement(firstVisit, List.of(), rep, false, null, false, null, null, false, null);
    }

    static Statement names(String... reps) {
        return new Statement(false, List.of(reps), null, false, null, false, null, null, false, null);
    }

    static Statement refusesOwner() {
        return new Statement(false, List.of(), null, true, null, false, null, null, false, null);
    }

    static Statement complains(String text) {
        return new Statement(false, List.of(), null, false, text, false, null, null, false, null);
    }

    static Statement forgot() {
        return new Statement(false, List.of(), null, false, null, true, null, null, false, null);
    }

    static Statement bargainsWith(String rep) {
        return new Statement(false, List.of(), rep, false, null, false, null, null, true, null);
    }

    static Statement broughtBy(String phone) {
        return new Statement(true, List.of(), null, false, null, false, phone, null, false, null);
    }

    static Statement household(String phone, String askedFor) {
        return new Statement(true, List.of(), askedFor, false, null, false, null, phone, false, null);
    }

    static AttributionRequest visit(Instant at, Statement said, Desk desk) {
        return new AttributionRequest(UUID.randomUUID().toString(), Channel.VISIT, "13800138000", null, at, "desk", said, desk,
                null, false);
    }

    static AttributionRequest call(Instant at, String taker) {
        return new AttributionRequest(UUID.randomUUID().toString(), Channel.CALL, "13800138000", null, at, taker, Statement.none(),
                null, null, false);
    }

    static Customer aNewCustomer(String phone) {
        return Customer.register(UUID.randomUUID().toString(), "SH01", "SH01-000001", phone, null, "VISIT", T0, "desk", null, null);
    }

    /** A customer first received by {@code rep} at {@code at}. */
    static Customer ownedBy(String rep, Instant at) {
        AttributionRequest first = visit(at, says(), desk(rep, rep + ":AVAILABLE"));
        Decision decision = rules().decide(null, null, null, first);
        return aNewCustomer("+8613800138000").apply(decision, first.visitId(), Channel.VISIT, at, ZONE, first.statement());
    }

    /** Applies a visit to the customer as the service does. */
    static Customer after(Customer customer, AttributionRequest request) {
        Decision decision = rules().decide(customer, null, null, request);
        return customer.apply(decision, request.visitId(), request.channel(), request.at(), ZONE, request.statement());
    }

    static Credit creditAt(Customer customer, Instant at) {
        return Credit.at(customer, at, DEFAULTS, ZONE, null, id -> id);
    }
}
