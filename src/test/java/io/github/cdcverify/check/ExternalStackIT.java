package io.github.cdcverify.check;

import io.github.cdcverify.harness.PipelineTest;
import io.github.cdcverify.scenario.CapturedTable;
import io.github.cdcverify.stack.CdcStack;
import io.github.cdcverify.stack.ExternalStack;
import io.github.cdcverify.suite.Leftovers;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The built-in checks run through {@link ExternalStack}, pointed at the run's pipeline as if it were a user's: they
 * pass, and they leave no table, connector, slot or publication behind.
 */
@PipelineTest
class ExternalStackIT {

    @Test
    void builtInChecksPassThroughAnExternalStackAndLeaveNothingBehind(CdcStack stack) throws Exception {
        ExternalStack external = new ExternalStack(stack.postgres(), stack.kafkaBootstrapServers(),
                stack.connectUrl());
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        List<CheckResult> results = new CheckRunner(new PrintStream(printed, true, StandardCharsets.UTF_8))
                .run(external, BuiltInChecks.all(300));

        assertThat(results).extracting(CheckResult::name)
                .containsExactly("snapshot", "insert-update-delete", "ordering");
        assertThat(results).as(printed.toString(StandardCharsets.UTF_8)).allMatch(CheckResult::passed);
        assertThat(results).allSatisfy(result -> assertThat(result.events()).isPositive());
        Leftovers.assertNoneStartingWith(stack, CapturedTable.NAME_PREFIX + "verify");
    }
}
