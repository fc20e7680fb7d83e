package io.anchang.platform.audit;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * The audit trail's settings.
 *
 * @param key            the secret the chain is keyed with ({@code ANCHANG_AUDIT_KEY}); see {@link AuditKey}
 * @param refusalsInFull refused attempts per user, site, kind and window written in full (default 10)
 * @param refusalWindow  the window refused attempts are counted in (default one minute)
 */
@ConfigurationProperties("anchang.audit")
public record AuditProperties(String key, Integer refusalsInFull, Duration refusalWindow) {

    public AuditProperties {
        refusalsInFull = refusalsInFull == null ? RefusalAudit.Limits.DEFAULT.inFull() : refusalsInFull;
        refusalWindow = refusalWindow == null ? RefusalAudit.Limits.DEFAULT.window() : refusalWindow;
    }

    public RefusalAudit.Limits limits() {
        return new RefusalAudit.Limits(refusalsInFull, refusalWindow, RefusalAudit.Limits.DEFAULT.grace());
    }
}
