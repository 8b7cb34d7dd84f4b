package io.github.cdcverify.stack;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class PortsTest {

    @Test
    void freePortsAreNeverHandedOutTwice() {
        // 2,000 probes of ~28,000 ephemeral ports: the system alone repeats some (birthday bound ~70 pairs).
        Set<Integer> ports = new HashSet<>();
        for (int i = 0; i < 2_000; i++) {
            assertThat(ports.add(Ports.free())).as("port handed out twice, probe %d", i).isTrue();
        }
    }
}
