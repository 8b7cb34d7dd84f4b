package io.github.cdcverify.harness;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A test class that runs against the run's shared pipeline; its methods may ask for a {@code CdcStack}. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(CdcStackExtension.class)
public @interface PipelineTest {
}
