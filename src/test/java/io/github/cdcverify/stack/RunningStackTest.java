package io.github.cdcverify.stack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RunningStackTest {

    @TempDir
    Path directory;

    private final Map<String, String> properties = new HashMap<>();

    private StackConfig config() {
        properties.put(RunningStack.FILE, directory.resolve("running-stack.properties").toString());
        return new StackConfig(properties::get, name -> null);
    }

    private static ExternalStack stackAnsweringOn(int connectPort) {
        return new ExternalStack(new PostgresEndpoint("db.example", 6543, "shop", "owner", "s3cret-pw", "db.example",
                6543), "kafka.example:9093", "http://127.0.0.1:" + connectPort);
    }

    @Test
    void attachesToTheRecordedPipelineWithItsEndpointsButNeverStoresThePassword() throws IOException {
        try (ServerSocket connect = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            RunningStack running = RunningStack.of(config());
            running.record(stackAnsweringOn(connect.getLocalPort()));

            assertThat(Files.readString(running.file())).doesNotContain("s3cret-pw").contains("db.example");
            CdcStack attached = running.attachable(config()).orElseThrow();
            assertThat(attached.kind()).isEqualTo("external");
            assertThat(attached.postgres().host()).isEqualTo("db.example");
            assertThat(attached.postgres().port()).isEqualTo(6543);
            assertThat(attached.postgres().database()).isEqualTo("shop");
            assertThat(attached.kafkaBootstrapServers()).isEqualTo("kafka.example:9093");
            assertThat(attached.connectUrl()).isEqualTo("http://127.0.0.1:" + connect.getLocalPort());

            running.forget();
            assertThat(running.file()).doesNotExist();
            assertThat(running.attachable(config())).isEmpty();
        }
    }

    @Test
    void aLoginInTheConnectUrlIsNotWrittenToTheStateFile() throws IOException {
        try (ServerSocket connect = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            RunningStack running = RunningStack.of(config());
            ExternalStack withLogin = new ExternalStack(new PostgresEndpoint("db.example", 6543, "shop", "owner",
                    "s3cret-pw", "db.example", 6543), "kafka.example:9093",
                    "http://admin:Connect-pw-9Rt@127.0.0.1:" + connect.getLocalPort());

            running.record(withLogin);

            assertThat(Files.readString(running.file())).doesNotContain("Connect-pw-9Rt").doesNotContain("admin");
            assertThat(running.attachable(config()).map(CdcStack::connectUrl))
                    .contains("http://127.0.0.1:" + connect.getLocalPort());
            running.forget();
        }
    }

    @Test
    void anExplicitStackKindOrAttachFalseStartsItsOwn() throws IOException {
        try (ServerSocket connect = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            RunningStack running = RunningStack.of(config());
            running.record(stackAnsweringOn(connect.getLocalPort()));

            properties.put(StackConfig.STACK, "embedded");
            assertThat(running.attachable(config())).as("cdc.stack=embedded").isEmpty();
            properties.remove(StackConfig.STACK);
            properties.put(RunningStack.ATTACH, "false");
            assertThat(running.attachable(config())).as("cdc.attach=false").isEmpty();
        }
    }

    @Test
    void aPipelineOfAnotherShapeThanTheRunAsksForIsNotAttached() throws IOException {
        try (ServerSocket connect = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            RunningStack running = RunningStack.of(config());
            running.record(stackAnsweringOn(connect.getLocalPort()).withShape(Shape.single()));

            properties.put(Shape.AUTO_CREATE_PROPERTY, "false");
            assertThat(running.attachable(config())).as("the run asks for brokers that create no topics").isEmpty();
            properties.put(Shape.AUTO_CREATE_PROPERTY, "true");
            assertThat(running.attachable(config()).flatMap(CdcStack::shape)).contains(Shape.single());
        }
    }

    @Test
    void aFileLeftByAProcessThatIsGoneOrAConnectThatDoesNotAnswerIsIgnored() throws IOException {
        RunningStack running = RunningStack.of(config());
        int closedPort;
        try (ServerSocket connect = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = connect.getLocalPort();
            running.record(stackAnsweringOn(closedPort));
        }
        assertThat(running.attachable(config())).as("Connect does not answer").isEmpty();

        try (ServerSocket connect = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            running.record(stackAnsweringOn(connect.getLocalPort()));
            Files.writeString(running.file(), Files.readString(running.file())
                    .replaceAll("pid=\\d+", "pid=" + Long.MAX_VALUE));
            assertThat(running.attachable(config())).as("process gone").isEmpty();
        }
    }
}
