package io.github.cdcverify.bench;

import io.github.cdcverify.suite.Waits;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ProcMemoryTest {

    @Test
    void childrenOfASingleThreadedParentAreTheProcessesItStarted() throws Exception {
        Process shell = new ProcessBuilder("sh", "-c", "sleep 30 & sleep 30; true").start();
        try {
            // A forked child shows the shell's command line until it has exec'd sleep: wait for both to have.
            await("the shell's two sleeps to start").atMost(Waits.SHORT).untilAsserted(() -> {
                List<Long> children = ProcMemory.children(shell.pid());
                assertThat(children).hasSize(2).allSatisfy(child -> {
                    assertThat(ProcMemory.parent(child)).hasValue(shell.pid());
                    assertThat(ProcMemory.commandLine(child)).isEqualTo("sleep 30");
                });
            });
        } finally {
            shell.descendants().forEach(ProcessHandle::destroy);
            shell.destroy();
        }
    }

    @Test
    void aProcessWithoutChildrenHasNone() throws Exception {
        Process sleep = new ProcessBuilder("sleep", "30").start();
        try {
            assertThat(ProcMemory.children(sleep.pid())).isEmpty();
        } finally {
            sleep.destroy();
        }
    }
}
