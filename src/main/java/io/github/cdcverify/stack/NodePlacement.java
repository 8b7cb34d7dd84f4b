package io.github.cdcverify.stack;

/**
 * Where the nodes of an {@link EmbeddedStack} run: in this JVM or each in a JVM of its own, and on which class path.
 * Whether this JVM's class path is the pipeline's own is decided once.
 */
final class NodePlacement {

    private Boolean isolated;

    /**
     * The class paths of nodes in JVMs of their own ({@code null}: in this JVM). A node of a cluster must be able to
     * die hard, and a JVM cannot kill a part of itself: those run on this JVM's class path when it holds the
     * pipeline's own artifacts. When it does not (a user's project: cdc-verify does not bring the pipeline onto its
     * class path, and its build may manage other Kafka or Jetty versions), every node, PostgreSQL included, runs on
     * the pipeline's own class path; a Connect worker with another Debezium runs without ours.
     */
    NodeClassPaths classPaths(Shape shape, String debeziumVersion) {
        boolean several = shape.brokers() > 1 || shape.connectWorkers() > 1;
        if (!isolated() && debeziumVersion == null) {
            String here = several ? System.getProperty("java.class.path") : null;
            return new NodeClassPaths(null, here, here);
        }
        PipelineClasspath own = PipelineClasspath.ofThisBuild();
        MavenRepository repository = MavenRepository.local();
        String brokers = isolated() ? own.resolve(repository, true)
                : several ? System.getProperty("java.class.path") : null;
        String workers = debeziumVersion != null ? own.resolve(repository, false) : brokers;
        return new NodeClassPaths(isolated() ? brokers : null, brokers, workers);
    }

    record NodeClassPaths(String postgres, String brokers, String workers) {
    }

    /** Whether this JVM's class path lacks the artifacts the pipeline was built with (decided once). */
    boolean isolated() {
        if (isolated == null) {
            isolated = !PipelineClasspath.ofThisBuild().loadedHere();
        }
        return isolated;
    }

    /** See {@link EmbeddedStack#nodesInOwnProcesses()}. */
    boolean nodesInOwnProcesses(Shape shape, String debeziumVersion) {
        return shape.brokers() > 1 || shape.connectWorkers() > 1 || isolated() || debeziumVersion != null;
    }

    boolean brokersInOwnProcesses(Shape shape) {
        return shape.brokers() > 1 || shape.connectWorkers() > 1 || isolated();
    }
}
