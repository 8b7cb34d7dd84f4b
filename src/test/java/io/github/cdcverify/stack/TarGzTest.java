package io.github.cdcverify.stack;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TarGzTest {

    @TempDir
    Path temp;

    @Test
    void unpacksDirectoriesFilesAndLongNamesInBothEncodings() throws IOException {
        String longName = "debezium-connector-postgres/" + "a-very-long-directory-name/".repeat(5) + "plugin.jar";
        byte[] jar = new byte[70_000];
        for (int i = 0; i < jar.length; i++) {
            jar[i] = (byte) (i * 31);
        }
        for (int mode : new int[] {TarArchiveOutputStream.LONGFILE_GNU, TarArchiveOutputStream.LONGFILE_POSIX}) {
            Path archive = temp.resolve("plugin-" + mode + ".tar.gz");
            try (OutputStream file = Files.newOutputStream(archive);
                 TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(file))) {
                tar.setLongFileMode(mode);
                tar.putArchiveEntry(new TarArchiveEntry("debezium-connector-postgres/"));
                tar.closeArchiveEntry();
                add(tar, "debezium-connector-postgres/README.md", "read me".getBytes(StandardCharsets.UTF_8));
                add(tar, longName, jar);
            }
            Path into = Files.createDirectories(temp.resolve("unpacked-" + mode));

            TarGz.unpack(archive, into);

            assertThat(into.resolve("debezium-connector-postgres/README.md")).hasContent("read me");
            assertThat(Files.readAllBytes(into.resolve(longName))).isEqualTo(jar);
        }
    }

    @Test
    void refusesAnEntryThatLeadsOutsideTheDirectory() throws IOException {
        Path archive = temp.resolve("evil.tar.gz");
        try (OutputStream file = Files.newOutputStream(archive);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(file))) {
            add(tar, "../outside.txt", "x".getBytes(StandardCharsets.UTF_8));
        }
        Path into = Files.createDirectories(temp.resolve("into"));

        assertThatThrownBy(() -> TarGz.unpack(archive, into)).isInstanceOf(IOException.class)
                .hasMessageContaining("../outside.txt points outside");
        assertThat(temp.resolve("outside.txt")).doesNotExist();
    }

    private static void add(TarArchiveOutputStream tar, String name, byte[] content) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(content.length);
        tar.putArchiveEntry(entry);
        tar.write(content);
        tar.closeArchiveEntry();
    }
}
