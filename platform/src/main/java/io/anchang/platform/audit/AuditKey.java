package io.anchang.platform.audit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Collection;
import java.util.HexFormat;

/**
 * The secret the audit chain is keyed with (issue 9): every entry's hash is an HMAC-SHA256
 * under this key, so someone with access to the database alone cannot rewrite an entry and
 * recompute the chain. It comes from the environment ({@code ANCHANG_AUDIT_KEY}, at least 32
 * characters); only the {@code local} and {@code test} profiles fall back to a development key,
 * with a loud warning. Without a key anywhere else the service does not start.
 */
public final class AuditKey {

    static final String DEVELOPMENT_KEY = "anchang-development-audit-key-NOT-FOR-PRODUCTION";
    private static final Logger log = LoggerFactory.getLogger(AuditKey.class);
    private static final int MIN_LENGTH = 32;

    private final SecretKeySpec key;

    private AuditKey(String secret) {
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    public static AuditKey of(String secret) {
        if (secret == null || secret.length() < MIN_LENGTH) {
            throw new IllegalStateException("the audit key (ANCHANG_AUDIT_KEY) must have at least " + MIN_LENGTH + " characters");
        }
        return new AuditKey(secret);
    }

    /** The configured key; in the {@code local} and {@code test} profiles a development key when none is set. */
    public static AuditKey configured(String secret, Collection<String> activeProfiles) {
        if (secret != null && !secret.isBlank()) {
            return of(secret);
        }
        if (activeProfiles.contains("local") || activeProfiles.contains("test")) {
            log.warn("""

                    ************************************************************************
                    *  NO AUDIT KEY: the audit trail is chained with a PUBLIC development   *
                    *  key. Anyone with database access can rewrite it. Set                *
                    *  ANCHANG_AUDIT_KEY (32+ random characters) for any real deployment.  *
                    ************************************************************************""");
            return new AuditKey(DEVELOPMENT_KEY);
        }
        throw new IllegalStateException("no audit key: set ANCHANG_AUDIT_KEY (at least " + MIN_LENGTH
                + " random characters, the same for every instance of the service); only the local and test"
                + " profiles may run without one");
    }

    /** HMAC-SHA256 of the text, hex. */
    String mac(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "AuditKey[hidden]";
    }
}
