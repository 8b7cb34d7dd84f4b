package io.github.cdcverify.stack;

import io.github.cdcverify.suite.Waits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class AbandonedStacksTest {

    @TempDir
    Path root;

    @Test
    void aDirectoryOfALiveOwnerStays() {
        Path mine = AbandonedStacks.claim(root);

        assertThat(AbandonedStacks.sweep(root)).isEmpty();
        assertThat(mine).isDirectory();
        assertThat(mine.resolve(AbandonedStacks.OWNER_FILE)).content()
                .startsWith(ProcessHandle.current().pid() + " ");
    }

    @Test
    void theServerOfAnEndedOwnerIsStoppedAndItsDirectoryRemoved() throws Exception {
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        Path abandoned = Files.createDirectories(root.resolve(AbandonedStacks.PREFIX + "1"));
        Files.writeString(abandoned.resolve(AbandonedStacks.OWNER_FILE), ended.pid() + " 1");
        Path dataDirectory = Files.createDirectories(abandoned.resolve("postgres"));
        // Stands in for a postmaster: a live process whose command line names the data directory.
        Process server = new ProcessBuilder("sh", "-c", "sleep 300; true", "sh", dataDirectory.toString()).start();
        try {
            Files.writeString(dataDirectory.resolve("postmaster.pid"), server.pid() + "\n" + dataDirectory + "\n");

            assertThat(AbandonedStacks.sweep(root)).containsExactly(abandoned);

            await("the abandoned server to stop").atMost(Waits.scaled(Duration.ofSeconds(15)))
                    .until(() -> !server.isAlive());
            assertThat(abandoned).doesNotExist();
        } finally {
            server.descendants().forEach(ProcessHandle::destroyForcibly);
            server.destroyForcibly();
        }
    }

    @Test
    void directoriesWithoutAnOwnerFileAreNotOurs() throws Exception {
        Path foreign = Files.createDirectories(root.resolve(AbandonedStacks.PREFIX + "2"));

        assertThat(AbandonedStacks.sweep(root)).isEmpty();
        assertThat(foreign).isDirectory();
    }
}
