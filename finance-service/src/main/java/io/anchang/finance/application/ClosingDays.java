package io.anchang.finance.application;

import io.anchang.finance.domain.CashReport;
import io.anchang.finance.domain.DeskDay;
import io.anchang.finance.domain.PaymentMethod;
import io.anchang.platform.events.finance.DayClosed;
import io.anchang.platform.outbox.PendingEvent;
import io.anchang.platform.problem.ProblemException;
import io.anchang.platform.security.Caller;
import io.anchang.platform.site.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import java.time.LocalDate;
import java.util.Arrays;

/**
 * R-FIN-5, R-FIN-7: the desk's day close (日结) and its daily cash report. Closing a day: it stops taking
 * records (CLOSING), every receipt and voucher booked on it is marked closed with it, the totals by payment
 * method are taken from exactly those, and the day is CLOSED with {@code finance.day-closed}. A record written
 * in the instant the close began, and not marked, is booked on the next day — never lost, never counted
 * twice. From then on the day's records change only by reversing entries on a later day.
 */
public class ClosingDays {

    private static final Logger log = LoggerFactory.getLogger(ClosingDays.class);

    private final DeskDays days;
    private final Receipts receipts;
    private final Vouchers vouchers;
    private final DeskCalendar calendar;

    public ClosingDays(DeskDays days, Receipts receipts, Vouchers vouchers, DeskCalendar calendar) {
        this.days = days;
        this.receipts = receipts;
        this.vouchers = vouchers;
        this.calendar = calendar;
    }

    /** A day and its cash report; {@code reconciled}: a closed day's report equals the totals it was closed with. */
    public record Day(DeskDay day, CashReport report, boolean reconciled, boolean alreadyClosed) {
    }

    /** R-FIN-7: FINANCE closes a day of the site's calendar, today or before; closing it again answers it as closed. */
    public Mono<Day> close(Caller caller, String site, LocalDate day) {
        caller.requireOn(site, Role.FINANCE);
        return calendar.today(site).flatMap(today -> {
            if (day.isAfter(today)) {
                throw ProblemException.invalid("day-in-future", day + " 尚未到来，不能日结 (A day is closed on it or after it)");
            }
            return days.find(site, day).flatMap(found -> found.status() == DeskDay.Status.CLOSED
                    ? report(site, found).map(d -> new Day(d.day(), d.report(), d.reconciled(), true))
                    : days.beginClose(site, day, caller.userId(), caller.name(), calendar.now())
                    .then(finishClose(site, day, caller.userId(), caller.name())).then(days.find(site, day)).flatMap(closed -> report(site, closed)));
        });
    }

    /** Marks the day's records, takes their totals, closes the day, and books what slipped in on the next day. */
    private Mono<Void> finishClose(String site, LocalDate day, String by, String byName) {
        return calendar.bounds(site, day).flatMap(bounds -> receipts.close(site, day, bounds[0], bounds[1])
                .then(vouchers.close(site, day))
                .then(Mono.zip(receipts.ofDay(site, day, bounds[0], bounds[1]).filter(r -> r.ledger().closed()).collectList(),
                        vouchers.ofDay(site, day).filter(v -> v.closed()).collectList()))
                .flatMap(entries -> {
                    CashReport report = CashReport.of(site, day, true, entries.getT1(), entries.getT2());
                    DeskDay closed = new DeskDay(site, day, DeskDay.Status.CLOSED, by, byName, calendar.now(), report.received(),
                            report.paidOut(), report.net(), report.receiptCount(), report.voucherCount());
                    return days.closed(closed, PendingEvent.of(site, DeskDay.id(site, day), new DayClosed(site, day, report.received().amount(),
                            report.paidOut().amount(), report.net().amount(), report.receiptCount(), report.voucherCount(),
                            Arrays.stream(PaymentMethod.values()).map(m -> {
                                CashReport.Line line = report.byMethod().get(m);
                                return new DayClosed.ByMethod(m.name(), line.received().amount(), line.paidOut().amount(), line.net().amount());
                            }).toList(), by, closed.closedAt())).before("OPEN").because("R-FIN-7 日结"));
                })
                .then(receipts.moveUnclosed(site, day, day.plusDays(1)))
                .then(vouchers.moveUnclosed(site, day, day.plusDays(1)))
                .doOnNext(moved -> {
                    if (moved > 0) {
                        log.info("{} record(s) written as {} of site {} closed are booked on the next day", moved, day, site);
                    }
                })
                .then());
    }

    /** R-FIN-5: the day's cash report (FINANCE, MANAGER): receipts and vouchers by payment method, reconciled. */
    public Mono<Day> day(Caller caller, String site, LocalDate day) {
        caller.scope().requireRead(site);
        if (!caller.hasAny(Role.FINANCE, Role.MANAGER, Role.HEAD_OFFICE)) {
            throw ProblemException.forbidden("role-required", "现金日报由财务或经理查看 (The cash report is for FINANCE and the MANAGER)");
        }
        return days.find(site, day).flatMap(found -> report(site, found));
    }

    private Mono<Day> report(String site, DeskDay day) {
        return calendar.bounds(site, day.day()).flatMap(bounds -> Mono.zip(receipts.ofDay(site, day.day(), bounds[0], bounds[1]).collectList(),
                        vouchers.ofDay(site, day.day()).collectList()))
                .map(entries -> {
                    CashReport report = CashReport.of(site, day.day(), day.status() == DeskDay.Status.CLOSED, entries.getT1(), entries.getT2());
                    boolean reconciled = day.status() != DeskDay.Status.CLOSED || report.received().compareTo(day.received()) == 0
                            && report.paidOut().compareTo(day.paidOut()) == 0 && report.receiptCount() == day.receipts()
                            && report.voucherCount() == day.vouchers();
                    return new Day(day, report, reconciled, false);
                });
    }

    /**
     * Finishes closes that were interrupted (a day left CLOSING) and books on the next day any record written as
     * a day closed that its close did not count.
     */
    public Mono<Long> tidy(java.time.Instant closedSince) {
        return days.notOpen(closedSince).concatMap(day -> day.status() == DeskDay.Status.CLOSING
                ? finishClose(day.siteId(), day.day(), day.closedBy() == null ? "system:finance-service" : day.closedBy(),
                day.closedByName() == null ? "finance-service" : day.closedByName()).thenReturn(1L)
                : receipts.moveUnclosed(day.siteId(), day.day(), day.day().plusDays(1))
                .flatMap(moved -> vouchers.moveUnclosed(day.siteId(), day.day(), day.day().plusDays(1)).map(more -> moved + more)))
                .reduce(0L, Long::sum);
    }
}
