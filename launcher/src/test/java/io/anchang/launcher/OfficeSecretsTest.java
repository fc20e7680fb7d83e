package io.anchang.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OfficeSecretsTest {

    @Test
    void anOfficeMakesItsSecretsOnceAndKeepsThemToItsOwner(@TempDir Path data) throws Exception {
        OfficeSecrets made = OfficeSecrets.of(data);
        assertThat(made.receptionClientSecret()).hasSizeGreaterThanOrEqualTo(43).isNotEqualTo(made.phoneKey());
        assertThat(OfficeSecrets.of(data)).isEqualTo(made);
        assertThat(OfficeSecrets.of(Files.createTempDirectory(data, "other"))).isNotEqualTo(made);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve(OfficeSecrets.FILE)))).isEqualTo("rw-------");
        assertThat(made.toString()).doesNotContain(made.phoneKey());
    }

    @Test
    void aDataFolderOfAnOlderShapeIsRefusedWithTheWayOut(@TempDir Path home) throws Exception {
        Path fresh = home.resolve("fresh");
        DataFormat.require(fresh);
        DataFormat.require(fresh);
        assertThat(Files.readString(fresh.resolve(DataFormat.FILE)).strip()).isEqualTo(String.valueOf(DataFormat.CURRENT));

        Path old = Files.createDirectories(home.resolve("old/mongo"));
        assertThatThrownBy(() -> DataFormat.require(old.getParent())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("./anchang reset");
    }
}
