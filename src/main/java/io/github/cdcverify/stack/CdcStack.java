package io.github.cdcverify.stack;

import io.github.cdcverify.connect.Secrets;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A running change data capture pipeline: PostgreSQL, Kafka, and a Kafka Connect worker with the Debezium
 * PostgreSQL connector, as seen from this process.
 *
 * <p>Implementations start everything in {@link #start()} and release everything in {@link #close()}; endpoints
 * are only valid between the two.
 */
public interface CdcStack extends AutoCloseable {

    /** Starts every component; returns when all of them accept requests. Calling it twice has no effect. */
    void start();

    /** PostgreSQL as this process reaches it, and as the connector inside Connect reaches it. */
    PostgresEndpoint postgres();

    /** Kafka bootstrap servers as this process reaches them, e.g. {@code 127.0.0.1:9092}. */
    String kafkaBootstrapServers();

    /**
     * Kafka client properties every client of this process must use on this stack ({@code security.protocol},
     * {@code sasl.*}, {@code ssl.*}); empty for a plaintext cluster, the default.
     */
    default Map<String, String> kafkaClientProperties() {
        return Map.of();
    }

    /** Kafka as the clients of this process reach it: {@link #kafkaBootstrapServers()} with {@link #kafkaClientProperties()}. */
    default KafkaEndpoint kafka() {
        return new KafkaEndpoint(kafkaBootstrapServers(), kafkaClientProperties());
    }

    /** Base URL of Kafka Connect's REST API, e.g. {@code http://127.0.0.1:8083}. */
    String connectUrl();

    /** A short name of the kind of stack: {@code embedded}, {@code containers} or {@code external}. */
    String kind();

    /** The shape this stack was started in; empty when it is not ours to know (an external pipeline). */
    default Optional<Shape> shape() {
        return Optional.empty();
    }

    /**
     * One line per endpoint, and the shape when known; safe to print: never contains a password or token. The user
     * info of a URL ({@code http://admin:password@connect:8083}, which Connect's REST API gets as Basic auth) shows
     * as {@code http://admin:********@connect:8083}.
     */
    default String describe() {
        PostgresEndpoint pg = postgres();
        String endpoints = String.join(System.lineSeparator(),
                "stack:      " + kind(),
                "postgres:   " + Secrets.redact(pg.jdbcUrl()) + " (user " + pg.user() + "; connector reaches it at "
                        + pg.connectorHost() + ":" + pg.connectorPort() + ")",
                "kafka:      " + Secrets.maskUserInfo(kafka().describe()),
                "connect:    " + Secrets.maskUserInfo(connectUrl()));
        return shape().map(shape -> endpoints + System.lineSeparator() + "shape:      " + shape.describe())
                .orElse(endpoints);
    }

    /**
     * Whether {@link #stop(Component)} and {@link #start(Component)} work for {@code component} on this stack: the
     * component comes back on the same endpoint with the same data.
     */
    default boolean canRestart(Component component) {
        return false;
    }

    /**
     * Stops one component, keeping its data, while the others keep running.
     *
     * @throws UnsupportedOperationException when {@link #canRestart(Component)} is false
     */
    default void stop(Component component) {
        throw new UnsupportedOperationException("The " + kind() + " stack cannot stop " + component + " on its own");
    }

    /**
     * Starts a component stopped with {@link #stop(Component)} again, on the same endpoint with the same data.
     *
     * @throws UnsupportedOperationException when {@link #canRestart(Component)} is false
     */
    default void start(Component component) {
        throw new UnsupportedOperationException("The " + kind() + " stack cannot start " + component + " on its own");
    }

    /**
     * How many nodes of {@code component} this stack runs (brokers, Connect workers; PostgreSQL is one); 0 when not
     * ours to know.
     */
    default int nodes(Component component) {
        return 0;
    }

    /** Every Connect worker's REST API; the first is {@link #connectUrl()}. */
    default List<String> connectUrls() {
        return List.of(connectUrl());
    }

    /**
     * Every Connect worker's id as task statuses name it ({@code host:port} it advertises), in the order of
     * {@link #connectUrls()}: worker {@code N} of {@link #crash(Component, int)} is at index {@code N - 1}.
     */
    default List<String> connectWorkerIds() {
        // Without the scheme and without user info: a worker advertises its host and port, never a login.
        return connectUrls().stream().map(url -> url.replaceFirst("^https?://([^/@]*@)?", "")).toList();
    }

    /**
     * Whether {@link #crash(Component, int)} works for {@code component}: one node dies with no shutdown of any
     * kind (SIGKILL, or PostgreSQL's immediate shutdown) and {@link #recover(Component, int)} brings it back.
     */
    default boolean canCrash(Component component) {
        return false;
    }

    /**
     * Kills node {@code node} (1 to {@link #nodes(Component)}) of {@code component} with no shutdown of any kind,
     * while everything else keeps running.
     *
     * @throws UnsupportedOperationException when {@link #canCrash(Component)} is false
     */
    default void crash(Component component, int node) {
        throw new UnsupportedOperationException("The " + kind() + " stack cannot crash " + component);
    }

    /** Starts a crashed node again on the same endpoint and data; returns when it answers. */
    default void recover(Component component, int node) {
        throw new UnsupportedOperationException("The " + kind() + " stack cannot recover " + component);
    }

    /** Stops every component and removes whatever state the stack created. Never throws. */
    @Override
    void close();
}
