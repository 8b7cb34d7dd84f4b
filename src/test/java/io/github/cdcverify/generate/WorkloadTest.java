package io.github.cdcverify.generate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WorkloadTest {

    @TempDir
    Path dir;

    @Test
    void aFileOfStatementsIsRead() throws Exception {
        Path file = Files.writeString(dir.resolve("w.sql"), "INSERT INTO t VALUES (1);\nBEGIN; DELETE FROM t; COMMIT;");

        assertThat(Workload.read(file).file()).isEqualTo(file);
    }

    @Test
    void anEmptyFileIsRefusedWithWhatToGive() throws Exception {
        Path file = Files.writeString(dir.resolve("empty.sql"), "-- nothing yet\n");

        assertThatThrownBy(() -> Workload.read(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty.sql holds no statement");
    }

    @Test
    void savepointsAreRefusedNamingTheLine() throws Exception {
        Path file = Files.writeString(dir.resolve("sp.sql"), "BEGIN;\nSAVEPOINT a;\nROLLBACK TO a;\nCOMMIT;");

        assertThatThrownBy(() -> Workload.read(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sp.sql, line 2: savepoints are not supported");
    }

    @Test
    void aMissingFileIsRefused() {
        assertThatThrownBy(() -> Workload.read(dir.resolve("missing.sql")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Cannot read the workload file");
    }
}
