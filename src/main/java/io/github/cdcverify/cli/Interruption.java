package io.github.cdcverify.cli;

import sun.misc.Signal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Turns Ctrl+C into an orderly stop: instead of the JVM shutting down under our feet, registered actions run (stop
 * the generator after its current transaction, wake the consumer), the command finishes, prints its summary, closes
 * everything and exits with 130.
 */
final class Interruption {

    private static final AtomicBoolean requested = new AtomicBoolean();
    private static final List<Runnable> actions = new CopyOnWriteArrayList<>();

    private Interruption() {
    }

    /**
     * Installs the handler for SIGINT and SIGTERM (a service manager's or {@code timeout}'s stop): both stop in
     * order, so that the stack is closed and nothing is left running; a second signal exits at once.
     */
    static void install() {
        Signal.handle(new Signal("INT"), Interruption::handle);
        Signal.handle(new Signal("TERM"), Interruption::handle);
    }

    private static void handle(Signal signal) {
        {
            if (!requested.compareAndSet(false, true)) {
                Runtime.getRuntime().halt(ExitCodes.INTERRUPTED);
            }
            System.err.println();
            System.err.println("Stopping (Ctrl+C again to quit at once)...");
            actions.forEach(Runnable::run);
        }
    }

    /** Runs {@code action} on Ctrl+C, or at once if Ctrl+C was already pressed. */
    static void onInterrupt(Runnable action) {
        actions.add(action);
        if (requested.get()) {
            action.run();
        }
    }

    static boolean requested() {
        return requested.get();
    }
}
