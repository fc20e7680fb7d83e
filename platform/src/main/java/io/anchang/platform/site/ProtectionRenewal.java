package io.anchang.platform.site;

/** What renews a claim's protection period (R-ATT-2, setting {@code protectionRenewsOn}). */
public enum ProtectionRenewal {
    /** The last visit the owner served renews it (the default). */
    VISIT,
    /** Counted from registration only. */
    FIXED,
    /** Follow-ups a SUPERVISOR has checked renew it. */
    CHECKED_FOLLOW_UP
}
