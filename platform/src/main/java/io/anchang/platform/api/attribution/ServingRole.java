package io.anchang.platform.api.attribution;

/** In what capacity the rep who serves receives the customer. */
public enum ServingRole {
    /** the rotation's rep receives a new customer, or one whose claim expired (R-REC-1, R-ATT-1, R-ATT-2, R-ATT-10) */
    RECEIVER,
    /** the customer's owner serves them (R-ATT-4) */
    OWNER,
    /** another rep receives for an owner who cannot serve now; no turn (R-ATT-7) */
    HELPER,
    /** the rep the customer asked for or named (R-REC-6, R-ATT-8, R-ATT-9, R-ATT-11, R-ATT-13, R-ATT-14) */
    NAMED,
    /** the serving rep the customer chose over the owner (R-ATT-5, R-ATT-6) */
    CHOSEN,
    /** the rep the MANAGER assigned in event mode (R-REC-8) */
    ASSIGNED,
    /** nobody can serve now: the customer waits in the desk's queue (R-REC-9) */
    WAITING,
    /** an inbound call, taken by the rep who answered it (R-REC-3) */
    CALL
}
