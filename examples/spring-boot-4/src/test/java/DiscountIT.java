import io.github.cdcverify.consume.ChangeEventConsumer;
import io.github.cdcverify.consume.StartFrom;
import io.github.cdcverify.event.ChangeEvent;
import io.github.cdcverify.harness.PipelineTest;
import io.github.cdcverify.scenario.CapturedTable;
import io.github.cdcverify.setup.UsersTable.ReplicaIdentity;
import io.github.cdcverify.stack.CdcStack;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import static io.github.cdcverify.judge.CdcAssertions.assertThat;

@PipelineTest
class DiscountIT {
    @Test
    void priceChangesArriveWithTheOldRow(CdcStack stack) throws SQLException {
        try (CapturedTable captured = CapturedTable.on(stack, "discount")
                     .withColumns("id INT PRIMARY KEY, price NUMERIC(10,2)")
                     .withReplicaIdentity(ReplicaIdentity.FULL)
                     .withConnectorConfig(config -> config.with("decimal.handling.mode", "string"))
                     .start();
             ChangeEventConsumer consumer = captured.consumer(StartFrom.BEGINNING);
             Statement sql = captured.connection().createStatement()) {
            sql.execute("INSERT INTO " + captured.table().quoted() + " VALUES (1, 10.00)");
            sql.execute("UPDATE " + captured.table().quoted() + " SET price = 8.50 WHERE id = 1");

            List<ChangeEvent> events = consumer.pollAtLeast(2, Duration.ofSeconds(30));

            assertThat(events.get(1)).isUpdate().hasKey("id", 1).hasBefore("price", "10.00").hasAfter("price", "8.50");
        }
    }
}
