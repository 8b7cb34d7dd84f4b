package io.github.cdcverify.stack;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * An embedded stack whose Connect worker runs in this JVM, so that test transforms and producer interceptors on the
 * test class path load in it (a worker process or container of the run's shape has none of them). Started on first
 * use, shared by every test class that asks for an {@link EmbeddedStack} parameter, closed when the run ends.
 */
public final class InJvmWorkerStack implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(InJvmWorkerStack.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == EmbeddedStack.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(EmbeddedStack.class, key -> {
            EmbeddedStack stack = new EmbeddedStack();
            stack.start();
            return stack;
        }, EmbeddedStack.class);
    }
}
