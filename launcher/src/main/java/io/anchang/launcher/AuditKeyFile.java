package io.anchang.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The office's audit key (issue 9): random, made on the first start and kept beside the data
 * ({@code data/audit.key}, readable by its owner only), handed to every service as
 * {@code ANCHANG_AUDIT_KEY}. The data and the key that proves it unedited belong together:
 * a fresh data folder gets a fresh key.
 */
final class AuditKeyFile {

    private AuditKeyFile() {
    }

    static String of(Path dataDir) {
        Path file = dataDir.resolve("audit.key");
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).trim();
            }
            Files.createDirectories(dataDir);
            byte[] random = new byte[36];
            new SecureRandom().nextBytes(random);
            String key = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            Files.writeString(file, key, StandardCharsets.UTF_8);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // the folder's own permissions protect it
            }
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or make the audit key " + file, e);
        }
    }
}
