package io.anchang.customer.domain;

import java.time.Instant;

/** A follow-up by the rep who holds the credit (R-ATT-12), which a SUPERVISOR may check (R-CUS-5). */
public record FollowUp(int number, String rep, Instant at, String method, String note, String checkedBy, Instant checkedAt) {

    public FollowUp checked(String by, Instant when) {
        return new FollowUp(number, rep, at, method, note, by, when);
    }
}
