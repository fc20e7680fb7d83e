package io.anchang.platform.api.attribution;

/** How the customer reached the site: a visit (来人登记表) or an inbound call (来电登记表), R-REC-3. */
public enum Channel {
    VISIT,
    CALL
}
