package io.anchang.customer.domain;

import io.anchang.platform.problem.ProblemException;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A follow-up by the rep who holds the credit (R-ATT-12), which a SUPERVISOR may check (R-CUS-5). Recorded from the
 * tracking form (客户追踪表), it carries the form's columns: the day it took place, the customer's objections (抗性), the
 * next step and the day of the next follow-up.
 *
 * @param tracking the tracking form's columns, or null for a follow-up recorded without them
 */
public record FollowUp(int number, String rep, Instant at, String method, String note, String checkedBy, Instant checkedAt,
                       Tracking tracking) {

    public FollowUp(int number, String rep, Instant at, String method, String note, String checkedBy, Instant checkedAt) {
        this(number, rep, at, method, note, checkedBy, checkedAt, null);
    }

    /** R-CUS-5: the tracking form's columns of one follow-up. */
    public record Tracking(LocalDate day, String objections, String nextStep, LocalDate nextDate) {

        /** How far ahead the next follow-up may be set. */
        public static final int LONGEST_WAIT_DAYS = 366;

        /**
         * Checks the form's dates: the follow-up took place between the customer's registration and today; the next one
         * is due after it, within a year.
         */
        public static Tracking of(LocalDate day, String objections, String nextStep, LocalDate nextDate, LocalDate registered,
                                  LocalDate today) {
            LocalDate on = day == null ? today : day;
            if (on.isAfter(today)) {
                throw ProblemException.invalid("follow-up-in-the-future", "跟进日期 " + on + " 还没有到 (A follow-up is recorded once it took place)");
            }
            if (on.isBefore(registered)) {
                throw ProblemException.invalid("follow-up-before-customer", "跟进日期 " + on + " 早于客户的首次登记 " + registered
                        + " (A follow-up cannot predate the customer's registration)");
            }
            if (nextDate != null && (!nextDate.isAfter(on) || nextDate.isAfter(on.plusDays(LONGEST_WAIT_DAYS)))) {
                throw ProblemException.invalid("next-follow-up-invalid", "下次跟进日期应在本次之后、一年以内 (The next follow-up lies after this one, "
                        + "within a year)");
            }
            return new Tracking(on, blankToNull(objections), blankToNull(nextStep), nextDate);
        }

        private static String blankToNull(String value) {
            return value == null || value.isBlank() ? null : value.strip();
        }
    }

    public FollowUp checked(String by, Instant when) {
        return new FollowUp(number, rep, at, method, note, by, when, tracking);
    }
}
