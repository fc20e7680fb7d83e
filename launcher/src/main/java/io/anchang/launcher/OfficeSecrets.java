package io.anchang.launcher;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Properties;

/**
 * The secrets of one office, made on its first start and kept in its data folder ({@code data/secrets.properties},
 * readable by its owner only) — never in the repository: reception-service's client secret, which the launcher sets in
 * Keycloak at import and gives reception-service, and the key of the phones' keyed hash, which it gives
 * customer-service (R-SEC-1, R-SEC-3). A new data folder ({@code ./anchang reset}) makes new ones.
 *
 * @param receptionClientSecret the secret of Keycloak's client {@code anchang-reception}
 * @param phoneKey              customer-service's {@code ANCHANG_PHONE_KEY}
 */
public record OfficeSecrets(String receptionClientSecret, String phoneKey) {

    static final String FILE = "secrets.properties";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The office's secrets in {@code dataDir}, made now if it has none. */
    public static synchronized OfficeSecrets of(Path dataDir) {
        Path file = dataDir.resolve(FILE);
        try {
            Properties stored = new Properties();
            if (Files.exists(file)) {
                try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    stored.load(in);
                }
            }
            String reception = stored.getProperty("reception.client-secret");
            String phone = stored.getProperty("customer.phone-key");
            if (reception != null && phone != null) {
                return new OfficeSecrets(reception, phone);
            }
            OfficeSecrets made = new OfficeSecrets(reception != null ? reception : random(), phone != null ? phone : random());
            Files.createDirectories(dataDir);
            Properties out = new Properties();
            out.setProperty("reception.client-secret", made.receptionClientSecret());
            out.setProperty("customer.phone-key", made.phoneKey());
            Path written = Files.createTempFile(dataDir, "secrets", ".tmp");
            ownerOnly(written);
            try (Writer writer = Files.newBufferedWriter(written, StandardCharsets.UTF_8)) {
                out.store(writer, "this office's secrets: made on its first start, never committed; a new data folder makes new ones");
            }
            Files.move(written, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return made;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the office's secrets in " + file, e);
        }
    }

    private static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static void ownerOnly(Path file) throws IOException {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
    }

    @Override
    public String toString() {
        return "OfficeSecrets[****]";
    }
}
