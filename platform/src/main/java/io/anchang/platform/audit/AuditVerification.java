package io.anchang.platform.audit;

/**
 * The result of re-walking a site's chain.
 *
 * @param firstBrokenSeq the first entry whose content, order or link does not match, or null if intact
 */
public record AuditVerification(String siteId, long entries, boolean intact, Long firstBrokenSeq, String problem) {
}
