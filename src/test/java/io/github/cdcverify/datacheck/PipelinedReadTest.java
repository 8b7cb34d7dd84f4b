package io.github.cdcverify.datacheck;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PipelinedReadTest {

    @Test
    void itemsOfSeveralSourcesAllArriveEachSourceInItsOwnOrder() throws Exception {
        List<String> handled = new ArrayList<>();
        List<PipelinedRead.Source<String>> sources = IntStream.range(0, 3)
                .<PipelinedRead.Source<String>>mapToObj(source -> sink -> {
                    for (int i = 0; i < 2_000; i++) {
                        sink.accept(source + ":" + i);
                    }
                }).toList();

        long count = PipelinedRead.run("test-reader", sources, handled::add);

        assertThat(count).isEqualTo(6_000);
        assertThat(handled).hasSize(6_000);
        for (int source = 0; source < 3; source++) {
            String prefix = source + ":";
            assertThat(handled.stream().filter(item -> item.startsWith(prefix)).toList())
                    .as("source %d in its order", source)
                    .containsExactlyElementsOf(IntStream.range(0, 2_000).mapToObj(i -> prefix + i).toList());
        }
    }

    @Test
    void aFailingSourceFailsTheReadAfterTheOthersEnded() {
        List<String> handled = new ArrayList<>();
        List<PipelinedRead.Source<String>> sources = List.of(
                sink -> {
                    sink.accept("a");
                    throw new IllegalStateException("partition 1 is gone");
                },
                sink -> IntStream.range(0, 1_000).forEach(i -> sink.accept("b" + i)));

        assertThatThrownBy(() -> PipelinedRead.run("test-reader", sources, handled::add))
                .isInstanceOf(IllegalStateException.class).hasMessage("partition 1 is gone");
        assertThat(handled).as("the other source ran to its end").contains("b999");
    }
}
