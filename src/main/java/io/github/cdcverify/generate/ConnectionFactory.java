package io.github.cdcverify.generate;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Opens the connection the generator writes through; the generator closes it when done. Usually
 * {@link io.github.cdcverify.stack.PostgresEndpoint#open()} (see {@link Generator#Generator(
 * io.github.cdcverify.stack.PostgresEndpoint, GeneratorSettings, Ledger)}).
 */
@FunctionalInterface
public interface ConnectionFactory {

    Connection open() throws SQLException;
}
