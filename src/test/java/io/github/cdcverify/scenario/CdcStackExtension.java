package io.github.cdcverify.scenario;

import io.github.cdcverify.stack.CdcStack;
import io.github.cdcverify.stack.StackConfig;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.support.TypeBasedParameterResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the one stack of a test run: started on first use, shared through the root context's store (so every test
 * class sees the same stack, and a single scenario also runs alone from an IDE), closed when the run ends.
 */
public final class CdcStackExtension extends TypeBasedParameterResolver<CdcStack> {

    private static final Logger log = LoggerFactory.getLogger(CdcStackExtension.class);
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(
            CdcStackExtension.class);

    @Override
    public CdcStack resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return stack(extensionContext);
    }

    /** The run's stack, started if this is its first use. */
    public static CdcStack stack(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(CdcStack.class, key -> start(), CdcStack.class);
    }

    private static CdcStack start() {
        long began = System.nanoTime();
        CdcStack stack = StackConfig.fromSystem().newStack();
        stack.start();
        log.info("Stack for this test run started in {} ms:{}{}", (System.nanoTime() - began) / 1_000_000,
                System.lineSeparator(), stack.describe());
        return stack;
    }
}
