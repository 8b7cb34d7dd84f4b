package io.github.cdcverify.cli;

import io.github.cdcverify.consume.TopicReader;
import io.github.cdcverify.stack.CdcStack;
import io.github.cdcverify.stack.KafkaEndpoint;

import java.util.ArrayList;
import java.util.List;

/** {@code verify --connector} runs against the run's stack, for the tests of deployed connectors. */
final class ConnectorVerify {

    private ConnectorVerify() {
    }

    /** {@code verify --connector NAME --settle SETTLE} with the stack's endpoints and {@code more} options. */
    static CliRun run(CdcStack stack, String connector, String settle, String... more) {
        List<String> args = new ArrayList<>(List.of("verify", "--connector", connector, "--settle", settle));
        args.addAll(List.of(more));
        return CliRun.of(StackArgs.of(args, StackArgs.database(stack), StackArgs.pipeline(stack)));
    }

    /** The sum of the topic's partitions' end offsets: how many records it ever got (0 before it exists). */
    static long recordsIn(KafkaEndpoint kafka, String topic) {
        return TopicReader.endOffsets(kafka, topic).values().stream().mapToLong(Long::longValue).sum();
    }
}
