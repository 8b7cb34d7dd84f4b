import com.example.smt.MaskEmail;
import io.github.cdcverify.consume.ChangeEventConsumer;
import io.github.cdcverify.consume.StartFrom;
import io.github.cdcverify.event.ChangeEvent;
import io.github.cdcverify.harness.PipelineTest;
import io.github.cdcverify.scenario.CapturedTable;
import io.github.cdcverify.stack.CdcStack;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import static io.github.cdcverify.judge.CdcAssertions.assertThat;

/** The service's own SMT, from the plugin jar this project builds, on the pipeline's Connect worker. */
@PipelineTest
class MaskEmailIT {
    @Test
    void emailsLeaveTheDatabaseMasked(CdcStack stack) throws SQLException {
        try (CapturedTable captured = CapturedTable.on(stack, "customers")
                     .withColumns("id INT PRIMARY KEY, email TEXT")
                     .withConnectorConfig(config -> config.with("transforms", "mask")
                             .with("transforms.mask.type", MaskEmail.class.getName()))
                     .start();
             ChangeEventConsumer consumer = captured.consumer(StartFrom.BEGINNING);
             Statement sql = captured.connection().createStatement()) {
            sql.execute("INSERT INTO " + captured.table().quoted() + " VALUES (1, 'ann@example.com')");

            List<ChangeEvent> events = consumer.pollAtLeast(1, Duration.ofSeconds(30));

            assertThat(events.get(0)).isCreate().hasKey("id", 1).hasAfter("email", MaskEmail.MASKED);
        }
    }
}
