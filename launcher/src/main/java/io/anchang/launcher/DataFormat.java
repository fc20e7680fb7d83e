package io.anchang.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Which shape of data an office's data folder holds. Since issue 9 customers have random ids and are found by the
 * keyed hash of their phones, and reception keeps phones only until customer-service has answered: data written before
 * has ids derived from phones and lookups a new office cannot make. Such a folder is not started on, nor migrated — it
 * holds the demo office's stand-in data only — the launcher says to start afresh with {@code ./anchang reset}.
 */
final class DataFormat {

    /** The shape this launcher writes. */
    static final int CURRENT = 2;
    static final String FILE = "FORMAT";

    private DataFormat() {
    }

    /** Starts a new data folder at the current shape, or refuses one of an older shape. */
    static void require(Path dataDir) {
        Path marker = dataDir.resolve(FILE);
        try {
            if (Files.exists(marker)) {
                int found = Integer.parseInt(Files.readString(marker, StandardCharsets.UTF_8).strip());
                if (found != CURRENT) {
                    throw older(dataDir);
                }
                return;
            }
            if (holdsData(dataDir)) {
                throw older(dataDir);
            }
            Files.createDirectories(dataDir);
            Files.writeString(marker, CURRENT + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the data folder " + dataDir, e);
        } catch (NumberFormatException e) {
            throw older(dataDir);
        }
    }

    private static boolean holdsData(Path dataDir) throws IOException {
        if (!Files.isDirectory(dataDir)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(dataDir)) {
            return entries.anyMatch(entry -> !entry.getFileName().toString().equals(OfficeSecrets.FILE));
        }
    }

    private static IllegalStateException older(Path dataDir) {
        return new IllegalStateException("数据目录 " + dataDir + " 是旧版本的演示数据（客户编号由电话生成）。请先运行 ./anchang reset 清空后重新启动 "
                + "(the data in " + dataDir + " was written by an older version: customer ids derived from phones; "
                + "run ./anchang reset to start afresh — it deletes this office's data)");
    }
}
