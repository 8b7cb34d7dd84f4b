package io.github.cdcverify.stack;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/** Runs an action on several nodes at once, each on a thread of its own, and waits for all of them. */
final class Parallel {

    private Parallel() {
    }

    /**
     * One thread per node: the common pool has a single thread on two cores, and a node's start may block until
     * the others are up (a KRaft quorum, a Connect group).
     *
     * @throws RuntimeException the first failure, unwrapped
     */
    static <T> void forEach(List<T> nodes, Consumer<T> action) {
        if (nodes.size() == 1) {
            action.accept(nodes.get(0));
            return;
        }
        ExecutorService threads = Executors.newFixedThreadPool(nodes.size());
        try {
            CompletableFuture.allOf(nodes.stream()
                    .map(node -> CompletableFuture.runAsync(() -> action.accept(node), threads))
                    .toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
        } finally {
            threads.shutdown();
        }
    }
}
