package io.github.cdcverify.check.soak;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What a stall line says of the connector when no worker answers: short, since it repeats every progress line. */
class ConnectorStateTest {

    @Test
    void workersThatDoNotListenAreNamedWithTheReasonOnly() throws IOException {
        String first = "http://127.0.0.1:" + closedPort();
        String second = "http://127.0.0.1:" + closedPort();

        String state = new ConnectorState(List.of(first, second), "cdcv_soak_1").get();

        assertThat(state).isEqualTo("no worker said the connector's state (" + first + ": connection refused; "
                + second + ": connection refused)");
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
