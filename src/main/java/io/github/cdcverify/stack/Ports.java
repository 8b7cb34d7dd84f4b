package io.github.cdcverify.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Port choice for the embedded stack: a free one by default, a fixed one checked before use. */
final class Ports {

    static final String LOOPBACK = "127.0.0.1";

    private static final int MAX_ATTEMPTS = 1_000;
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private Ports() {
    }

    /**
     * A port nothing listens on right now, on the loopback interface, and never handed out before in this JVM: the
     * system may give the same ephemeral port to two probes in a row once the first closed, and two brokers of one
     * cluster then got one port (seen on CI: a 3-broker cluster running with 2).
     */
    static int free() {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            int port = ephemeral();
            if (HANDED_OUT.add(port)) {
                return port;
            }
        }
        throw new UncheckedIOException(new IOException("Could not find a port on " + LOOPBACK
                + " not handed out before in " + MAX_ATTEMPTS + " attempts"));
    }

    private static int ephemeral() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not find a free port on " + LOOPBACK, e);
        }
    }

    /**
     * Returns {@code requested} when given and free, else a free port.
     *
     * @param requested 0 for "any free port"
     * @param component what would listen there, for the message (e.g. "PostgreSQL")
     * @param option    the option that sets this port, for the message (e.g. "--postgres-port")
     * @throws StackException naming the port, the component and the option when the port is taken
     */
    static int choose(int requested, String component, String option) {
        if (requested == 0) {
            return free();
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(LOOPBACK), requested));
            return requested;
        } catch (IOException e) {
            throw new StackException("Port " + requested + " for " + component + " is already in use on "
                    + LOOPBACK + ". Stop whatever listens there (e.g. another 'cdc-verify up' or a Docker Compose "
                    + "stack), or choose another port with " + option + " (0 picks a free one).");
        }
    }
}
