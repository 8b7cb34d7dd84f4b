package io.github.cdcverify.stack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

class PostgresTemplateTest {

    @TempDir
    Path temp;

    @Test
    void keepsAnInitialisedDirectoryAndCopiesItWithItsPermissionsButNotZonkysLock() throws IOException {
        Path initialised = dataDirectory(temp.resolve("initialised"));
        PostgresTemplate template = new PostgresTemplate(temp.resolve("templates").resolve("pg18"));
        assertThat(template.exists()).as("template before it was kept").isFalse();

        template.keep(initialised);
        Path copy = temp.resolve("run").resolve("postgres");
        Files.createDirectories(copy);
        template.copyTo(copy);

        assertThat(template.exists()).as("template after it was kept").isTrue();
        assertThat(copy.resolve("base").resolve("1").resolve("1259")).hasContent("catalog");
        assertThat(copy.resolve("postgresql.conf")).hasContent("# initdb's");
        assertThat(copy.resolve("epg-lock")).doesNotExist();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(copy)))
                .as("data directory permissions (PostgreSQL refuses others reading)").isEqualTo("rwx------");
        assertThat(temp.resolve("templates")).isDirectoryNotContaining(path -> path.toString().contains(".partial-"));
    }

    @Test
    void keepingASecondTimeLeavesTheFirstTemplateAndNoPartialCopy() throws IOException {
        PostgresTemplate template = new PostgresTemplate(temp.resolve("templates").resolve("pg18"));
        template.keep(dataDirectory(temp.resolve("first")));
        Path second = dataDirectory(temp.resolve("second"));
        Files.writeString(second.resolve("postgresql.conf"), "# another");

        template.keep(second);

        Path copy = temp.resolve("copy");
        template.copyTo(copy);
        assertThat(copy.resolve("postgresql.conf")).hasContent("# initdb's");
        assertThat(temp.resolve("templates")).isDirectoryNotContaining(path -> path.toString().contains(".partial-"));
    }

    @Test
    void theTemplateOfThePackagedBinariesLivesInTheUsersCdcVerifyDirectory() {
        assertThat(PostgresTemplate.forPackagedBinaries()).as("zonky's linux binaries are on the test class path")
                .isPresent();
    }

    private static Path dataDirectory(Path directory) throws IOException {
        Files.createDirectories(directory.resolve("base").resolve("1"));
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
        Files.writeString(directory.resolve("base").resolve("1").resolve("1259"), "catalog");
        Files.writeString(directory.resolve("postgresql.conf"), "# initdb's");
        Files.writeString(directory.resolve("epg-lock"), "");
        return directory;
    }
}
