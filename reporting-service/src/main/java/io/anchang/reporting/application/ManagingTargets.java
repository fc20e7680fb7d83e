package io.anchang.reporting.application;

import io.anchang.platform.audit.AuditRecord;
import io.anchang.platform.audit.AuditTrail;
import io.anchang.platform.problem.ProblemException;
import io.anchang.platform.security.Caller;
import io.anchang.platform.site.Role;
import io.anchang.platform.site.StaffMember;
import io.anchang.reporting.application.forms.ReportAccess;
import io.anchang.reporting.domain.Fen;
import io.anchang.reporting.domain.Targets;
import reactor.core.publisher.Mono;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The MANAGER sets the site's sales targets for a month, for the site and for each rep; every
 * change goes to the site's audit trail with the targets before and after (R-SEC-4). Numbers
 * are bounded before anything is computed: units up to 100,000, amounts up to 10^10 yuan with
 * at most two decimals.
 */
public final class ManagingTargets {

    public static final long MAX_UNITS = 100_000;
    public static final BigDecimal MAX_AMOUNT = new BigDecimal("10000000000");
    public static final int MAX_REPS = 200;

    private final TargetBook book;
    private final SiteDirectory sites;
    private final AuditTrail audit;
    private final Clock clock;

    public ManagingTargets(TargetBook book, SiteDirectory sites, AuditTrail audit, Clock clock) {
        this.book = book;
        this.sites = sites;
        this.audit = audit;
        this.clock = clock;
    }

    /** Targets as a MANAGER gives them: units and amounts in yuan (a JSON string like "5000000.00" or a number), any left out. */
    public record Goal(Object units, Object subscribed, Object contracted, Object collected) {
    }

    /** A rep's targets. */
    public record RepGoal(String userId, Object units, Object subscribed, Object contracted, Object collected) {
    }

    public Mono<Targets> get(Caller caller, String site, YearMonth month) {
        ReportAccess.MANAGEMENT.require(caller, site);
        return sites.require(caller.scope(), site).then(book.find(caller.scope(), site, month));
    }

    /** Sets the month's targets of the site, replacing what was set for it before. */
    public Mono<Targets> set(Caller caller, String site, YearMonth month, Goal siteGoal, List<RepGoal> reps) {
        caller.requireOn(site, Role.MANAGER);
        if (reps != null && reps.size() > MAX_REPS) {
            throw ProblemException.invalid("too-many-reps", "最多为 " + MAX_REPS + " 位置业顾问设定目标 (At most " + MAX_REPS + " reps)");
        }
        return sites.require(caller.scope(), site).flatMap(profile -> {
            Map<String, Targets.Goal> byRep = new LinkedHashMap<>();
            for (RepGoal rep : reps == null ? List.<RepGoal>of() : reps) {
                if (rep == null || rep.userId() == null || rep.userId().isBlank()) {
                    throw ProblemException.invalid("rep-required", "每条置业顾问目标都要写明置业顾问 (Each rep's targets name the rep: userId)");
                }
                StaffMember member = profile.member(rep.userId()).filter(StaffMember::active).orElseThrow(() -> ProblemException.invalid(
                        "rep-unknown", "置业顾问 " + shortly(rep.userId()) + " 不在案场 " + site + " 的员工名单中 (" + shortly(rep.userId())
                                + " is not on the staff of site " + site + ")"));
                if (byRep.put(member.userId(), goal(new Goal(rep.units(), rep.subscribed(), rep.contracted(), rep.collected()),
                        "reps[" + member.userId() + "]")) != null) {
                    throw ProblemException.invalid("rep-twice", "置业顾问 " + member.userId() + " 的目标写了两次 (" + member.userId() + " is listed twice)");
                }
            }
            Targets targets = new Targets(site, month, siteGoal == null ? Targets.Goal.NONE : goal(siteGoal, "site"), byRep,
                    caller.userId(), clock.instant());
            return book.save(caller.scope(), targets).flatMap(before -> audit.record(new AuditRecord(UUID.randomUUID().toString(), site,
                    targets.setAt(), caller.userId(), "reporting.targets-set", site + "|" + month,
                    describe(before), describe(targets), "销售目标 " + month)).thenReturn(targets));
        });
    }

    private static Targets.Goal goal(Goal goal, String field) {
        return new Targets.Goal(units(goal.units(), field + ".units"), fen(goal.subscribed(), field + ".subscribed"),
                fen(goal.contracted(), field + ".contracted"), fen(goal.collected(), field + ".collected"));
    }

    private static Long units(Object raw, String field) {
        if (raw == null) {
            return null;
        }
        if (!(raw instanceof Integer || raw instanceof Long) || ((Number) raw).longValue() < 0 || ((Number) raw).longValue() > MAX_UNITS) {
            throw ProblemException.invalid("target-invalid", "套数目标须为 0 到 " + MAX_UNITS + " 的整数 (" + field + " must be a whole number 0.."
                    + MAX_UNITS + ")");
        }
        return ((Number) raw).longValue();
    }

    private static Long fen(Object raw, String field) {
        if (raw == null) {
            return null;
        }
        String text = raw instanceof String s ? s.trim() : raw instanceof Number ? raw.toString() : null;
        BigDecimal amount;
        try {
            if (text == null || text.length() > 20) {
                throw new NumberFormatException();
            }
            amount = new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw ProblemException.invalid("target-invalid", "金额目标格式不对 (" + field + " must be an amount in yuan like 5000000.00)");
        }
        if (amount.signum() < 0 || amount.compareTo(MAX_AMOUNT) > 0 || amount.stripTrailingZeros().scale() > 2) {
            throw ProblemException.invalid("target-invalid", "金额目标须在 0 到 100 亿元之间，最多两位小数 (" + field
                    + " must be 0 .. 10,000,000,000 yuan with at most 2 decimals)");
        }
        return Fen.of(amount);
    }

    private static String shortly(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }

    private static String describe(Targets targets) {
        if (targets == null || targets.setBy() == null) {
            return null;
        }
        StringBuilder json = new StringBuilder("{\"site\":").append(goal(targets.site())).append(",\"reps\":{");
        String reps = String.join(",", targets.reps().entrySet().stream()
                .map(e -> "\"" + e.getKey().replace("\"", "") + "\":" + goal(e.getValue())).toList());
        return json.append(reps).append("}}").toString();
    }

    private static String goal(Targets.Goal goal) {
        return "{\"units\":" + goal.units() + ",\"subscribed\":" + yuan(goal.subscribedFen()) + ",\"contracted\":"
                + yuan(goal.contractedFen()) + ",\"collected\":" + yuan(goal.collectedFen()) + "}";
    }

    private static String yuan(Long fen) {
        return fen == null ? "null" : "\"" + Fen.yuan(fen).toPlainString() + "\"";
    }
}
