package io.anchang.customer.domain;

import io.anchang.platform.api.attribution.Share;
import io.anchang.platform.site.PolicySettings;
import io.anchang.platform.site.Split;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The credit (业绩, fractions of one sale) and bonus shares (奖金, percent) valid at a moment
 * (R-ATT-17): taken from the owner's claim standing and protected then (R-ATT-2), and the
 * latest arrangement made while it stood; flagged for the MANAGER when several visits made
 * arrangements since the last deal, whoever owned the customer then, or while a complaint waits
 * (R-ATT-16, R-ATT-6). Credit always sums to one sale and bonus to 100.
 */
public record Credit(List<Share> shares, String ruleId, String explanation, boolean needsManagerRuling) {

    /** The house account a quarrel's credit and bonus go to (R-ATT-16). */
    public static final String DEPARTMENT = "DEPARTMENT";

    public Credit {
        shares = List.copyOf(shares);
    }

    /**
     * @param dealRep the rep who made the deal, who takes it when no claim is protected; null for "if a deal were made"
     */
    public static Credit at(Customer customer, Instant at, PolicySettings settings, ZoneId zone, String dealRep,
                            Function<String, String> names) {
        Claim claim = customer.claimStandingAt(at).orElse(null);
        if (claim == null || !claim.validAt(at, settings, zone)) {
            // R-ATT-2: an expired claim earns no credit and no share
            if (dealRep == null) {
                return new Credit(List.of(), "R-ATT-2", claim == null ? "客户尚无有效建档，成交业绩归成交的置业顾问"
                        : "原置业顾问" + names.apply(claim.rep()) + "的建档已过有效期，与其无关；成交业绩归成交的置业顾问", false);
            }
            return new Credit(List.of(whole(dealRep)), "R-ATT-2", (claim == null ? "客户无有效建档"
                    : names.apply(claim.rep()) + "的建档已过有效期，与其无关") + "：业绩及奖金全部属成交的" + names.apply(dealRep), false);
        }
        List<Arrangement> during = customer.arrangements().stream()
                .filter(a -> !a.at().isBefore(claim.since()) && !a.at().isAfter(at))
                .sorted(java.util.Comparator.comparing(Arrangement::at))
                .toList();
        boolean flagged = severalArrangements(customer, at);
        if (during.isEmpty()) {
            return new Credit(List.of(whole(claim.rep())), claim.ruleId(), "业绩及奖金全部属" + names.apply(claim.rep()), flagged);
        }
        Arrangement latest = during.get(during.size() - 1);
        // R-ATT-6: a deal made while a complaint waits for the SUPERVISOR is credited as R-ATT-5 and flagged for the MANAGER
        boolean severalArrangements = latest.kind() != Arrangement.Kind.RULING && (flagged || latest.kind() == Arrangement.Kind.COMPLAINT);
        LocalDate day = LocalDate.ofInstant(at, zone);
        return switch (latest.kind()) {
            case HELPER -> {
                boolean sameDay = day.equals(latest.day());
                Split split = sameDay ? settings.splitHelperSameDay() : settings.splitHelperLater();
                yield new Credit(split(latest.holder(), split.first(), latest.other(), split.second(), latest.holder()),
                        "R-ATT-7", "业绩属" + names.apply(latest.holder()) + "；" + (sameDay ? "协助接待当日成交" : "协助接待之后成交")
                        + "，奖金" + names.apply(latest.holder()) + split.first() + "%/" + names.apply(latest.other()) + split.second() + "%",
                        severalArrangements);
            }
            case REFUSED_OWNER, COMPLAINT -> {
                Split split = settings.splitRefusedOwner();
                if (latest.other() == null) {
                    yield new Credit(List.of(whole(latest.holder())), latest.ruleId(), "原置业顾问建档已无效，业绩及奖金全部属"
                            + names.apply(latest.holder()), severalArrangements);
                }
                yield new Credit(split(latest.holder(), split.first(), latest.other(), split.second(), latest.holder()),
                        latest.kind() == Arrangement.Kind.COMPLAINT ? "R-ATT-6" : "R-ATT-5", "客户不愿找" + names.apply(latest.other()) + "：业绩属" + names.apply(latest.holder()) + "，奖金"
                        + names.apply(latest.holder()) + split.first() + "%/" + names.apply(latest.other()) + split.second() + "%"
                        + (latest.kind() == Arrangement.Kind.COMPLAINT ? "（投诉待销售主任落实）" : ""), severalArrangements);
            }
            case FORGOTTEN -> {
                Split split = settings.splitForgotten();
                yield new Credit(split(latest.holder(), split.first(), latest.other(), split.second(), latest.creditTo()),
                        "R-ATT-10", "由" + names.apply(latest.creditTo()) + "负责后续并取得业绩，奖金" + names.apply(latest.holder())
                        + split.first() + "%/" + names.apply(latest.other()) + split.second() + "%", severalArrangements);
            }
            case NAMED_LATER -> {
                Split split = settings.splitNamedLater();
                yield new Credit(split(latest.holder(), split.first(), latest.other(), split.second(), null),
                        "R-ATT-11", "客户再次来访指定" + names.apply(latest.holder()) + "：业绩奖金" + names.apply(latest.holder())
                        + split.first() + "%/" + names.apply(latest.other()) + split.second() + "%", severalArrangements);
            }
            case RULING -> new Credit(latest.shares(), "R-ATT-16", "按经理裁定分配", false);
        };
    }

    /**
     * R-ATT-17: several visits made arrangements for the customer — every arrangement since the customer's last deal (and
     * since the MANAGER's last ruling, which settles the earlier ones), whoever owned the customer at the time.
     */
    private static boolean severalArrangements(Customer customer, Instant at) {
        Instant since = null;
        for (DealCredit deal : customer.deals()) {
            if (deal.validAt().isBefore(at) && (since == null || deal.validAt().isAfter(since))) {
                since = deal.validAt();
            }
        }
        for (Arrangement a : customer.arrangements()) {
            if (a.kind() == Arrangement.Kind.RULING && !a.at().isAfter(at) && (since == null || a.at().isAfter(since))) {
                since = a.at();
            }
        }
        Instant from = since;
        return customer.arrangements().stream().filter(a -> a.kind() != Arrangement.Kind.RULING && !a.at().isAfter(at)
                && (from == null || a.at().isAfter(from))).count() > 1;
    }

    static Share whole(String rep) {
        return new Share(rep, BigDecimal.ONE.setScale(2), 100);
    }

    /**
     * Two reps' bonus split; the credit goes whole to {@code creditTo}, or splits like the bonus when it is null.
     */
    static List<Share> split(String first, int firstPercent, String second, int secondPercent, String creditTo) {
        Map<String, int[]> bonus = new LinkedHashMap<>();
        bonus.computeIfAbsent(first, k -> new int[1])[0] += firstPercent;
        bonus.computeIfAbsent(second, k -> new int[1])[0] += secondPercent;
        List<Share> shares = new ArrayList<>();
        bonus.forEach((rep, percent) -> {
            BigDecimal credit = creditTo == null
                    ? BigDecimal.valueOf(percent[0]).divide(BigDecimal.valueOf(100), 2, RoundingMode.HALF_UP)
                    : (rep.equals(creditTo) ? BigDecimal.ONE : BigDecimal.ZERO).setScale(2);
            shares.add(new Share(rep, credit, percent[0]));
        });
        if (creditTo != null && !bonus.containsKey(creditTo)) {
            shares.add(new Share(creditTo, BigDecimal.ONE.setScale(2), 0));
        }
        return shares;
    }

    public int bonusTotal() {
        return shares.stream().mapToInt(Share::bonusPercent).sum();
    }

    public BigDecimal creditTotal() {
        return shares.stream().map(Share::credit).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
