package io.github.cdcverify.stack;

import org.testcontainers.containers.Network;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

import java.util.List;

/**
 * The PostgreSQL side of a {@link ContainerStack}: an image compatible with the official one, started with
 * {@link ContainerStack#postgresCommand()}. Connect reaches it at {@code postgres:5432} on the stack's network, this
 * process on a loopback port fixed before the start.
 */
final class ContainerPostgres {

    private final PostgreSQLContainer container;
    private final String database;
    private final String user;
    private final String password;

    ContainerPostgres(String image, String compatibleWith, Network network, String database, String user,
                      String password) {
        this.database = database;
        this.user = user;
        this.password = password;
        container = new PostgreSQLContainer(DockerImageName.parse(image).asCompatibleSubstituteFor(compatibleWith))
                .withNetwork(network)
                .withNetworkAliases(ContainerStack.POSTGRES_ALIAS)
                .withDatabaseName(database)
                .withUsername(user)
                .withPassword(password)
                .withCommand(ContainerStack.postgresCommand().toArray(String[]::new));
        // A fixed host port, so that a container stopped and started again (fault scenarios) keeps its endpoint.
        // Published on loopback only, like the embedded stack's listeners.
        container.setPortBindings(List.of(
                Ports.LOOPBACK + ":" + Ports.free() + ":" + ContainerStack.POSTGRES_PORT));
    }

    PostgreSQLContainer container() {
        return container;
    }

    /** As this process reaches it, with the network alias and port Connect reaches it on. */
    PostgresEndpoint endpoint() {
        return new PostgresEndpoint(container.getHost(), container.getMappedPort(ContainerStack.POSTGRES_PORT),
                database, user, password, ContainerStack.POSTGRES_ALIAS, ContainerStack.POSTGRES_PORT);
    }
}
