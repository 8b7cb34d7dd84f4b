package io.github.cdcverify.harness;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The README shows the example project's scenario verbatim, imports included, so that it compiles where copied. */
class OwnProjectExampleTest {

    private static final Path EXAMPLE = Path.of("examples/own-scenario/src/test/java/DiscountIT.java");

    @Test
    void theReadmeShowsTheExampleProjectsScenarioVerbatim() throws IOException {
        String example = Files.readString(EXAMPLE);

        assertThat(example).as(EXAMPLE + ": package-less, with its imports").doesNotContain("package ")
                .contains("import io.github.cdcverify.harness.PipelineTest;");
        assertThat(Files.readString(Path.of("README.md"))).as("README.md").contains("```java\n" + example + "```");
    }
}
