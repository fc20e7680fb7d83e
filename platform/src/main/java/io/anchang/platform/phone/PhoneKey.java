package io.anchang.platform.phone;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

/**
 * R-SEC-3: the keyed hash of a phone number (HMAC-SHA256 of its E.164 form under a secret key).
 * The customer archive finds a customer by it, so that a lookup never needs the number itself;
 * without the key the hash gives nothing away — unlike a plain hash of an 11-digit number, which
 * anyone can reverse by trying them all. The key comes from the environment of the service that
 * keeps the archive ({@code ANCHANG_PHONE_KEY}); changing it makes every stored hash unfindable.
 */
public final class PhoneKey {

    /** Shorter secrets are refused: a key must not be guessable. */
    public static final int MINIMUM_LENGTH = 16;
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    private PhoneKey(byte[] secret) {
        this.key = new SecretKeySpec(secret, ALGORITHM);
    }

    /** The key of this secret (its UTF-8 bytes); at least {@value #MINIMUM_LENGTH} characters. */
    public static PhoneKey of(String secret) {
        if (secret == null || secret.strip().length() < MINIMUM_LENGTH) {
            throw new IllegalArgumentException("a phone key needs at least " + MINIMUM_LENGTH + " characters");
        }
        return new PhoneKey(secret.strip().getBytes(StandardCharsets.UTF_8));
    }

    /** The keyed hash of the number, base64url without padding (43 characters). */
    public String hash(Phone phone) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(phone.e164().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    @Override
    public String toString() {
        return "PhoneKey[****]";
    }
}
