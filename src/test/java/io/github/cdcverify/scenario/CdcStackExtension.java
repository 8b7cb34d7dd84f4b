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

    /** The run's stack, started if this is its first use. A failed start fails every later test at once. */
    public static CdcStack stack(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(StartedStack.class, key -> StartedStack.start(), StartedStack.class)
                .get();
    }

    /** The stack, or why it did not start: remembered so that a broken stack is not started again for each test. */
    private record StartedStack(CdcStack stack, RuntimeException failure) implements AutoCloseable {

        static StartedStack start() {
            long began = System.nanoTime();
            CdcStack stack = StackConfig.fromSystem().newStack();
            try {
                stack.start();
            } catch (RuntimeException e) {
                stack.close();
                return new StartedStack(null, e);
            }
            log.info("Stack for this test run started in {} ms:{}{}", (System.nanoTime() - began) / 1_000_000,
                    System.lineSeparator(), stack.describe());
            return new StartedStack(stack, null);
        }

        CdcStack get() {
            if (failure != null) {
                throw new IllegalStateException("The stack for this run did not start: " + failure.getMessage(),
                        failure);
            }
            return stack;
        }

        @Override
        public void close() {
            if (stack != null) {
                stack.close();
            }
        }
    }
}
