package io.github.cdcverify.suite;

import io.github.cdcverify.stack.CdcStack;
import io.github.cdcverify.stack.EmbeddedStack;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * The one way for a scenario that needs a stack of its own rather than (or besides) the run's:
 *
 * <ul>
 *   <li>{@code @ExtendWith(OwnStack.class)}: a parameter of type {@link EmbeddedStack} is an embedded stack whose
 *       Connect worker runs in this JVM, so that test transforms and producer interceptors on the test class path
 *       load in it and it reads this machine's files (a worker process or container of the run's shape has none of
 *       them, an attached pipeline neither). Started on first use, shared by every class that asks, closed when the
 *       run ends.</li>
 *   <li>{@code @RegisterExtension static final OwnStack STACK = OwnStack.configured(stack -> stack.withX(...))}: an
 *       embedded stack configured for this class alone (a SASL listener, say), started on first use, closed after
 *       the class.</li>
 *   <li>{@link #assume}: a scenario on the run's stack that stops, crashes or reads the insides of the pipeline, which
 *       only a stack the run started itself allows.</li>
 * </ul>
 */
public final class OwnStack implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(OwnStack.class);

    /** Null for the stack shared by the run. */
    private final UnaryOperator<EmbeddedStack> configuration;

    /** The shared embedded stack, for {@code @ExtendWith(OwnStack.class)}. */
    public OwnStack() {
        this(null);
    }

    private OwnStack(UnaryOperator<EmbeddedStack> configuration) {
        this.configuration = configuration;
    }

    /** An embedded stack of the registering class alone, configured so before it starts. */
    public static OwnStack configured(UnaryOperator<EmbeddedStack> configuration) {
        return new OwnStack(configuration);
    }

    /**
     * Skips the calling test when the run's stack is one it attached to ({@code RunningStack}), naming what the test
     * needs; CI never attaches.
     */
    public static void assume(CdcStack stack, String needs) {
        assumeFalse(stack.kind().equals("external"), "this scenario " + needs + ", which the pipeline this run "
                + "attached to does not allow; -Dcdc.attach=false runs it on a stack of its own");
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == EmbeddedStack.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        if (configuration == null) {
            return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(EmbeddedStack.class,
                    key -> started(new EmbeddedStack()), EmbeddedStack.class);
        }
        return classContext(context).getStore(NAMESPACE).getOrComputeIfAbsent(this,
                key -> started(configuration.apply(new EmbeddedStack())), EmbeddedStack.class);
    }

    private static EmbeddedStack started(EmbeddedStack stack) {
        stack.start();
        return stack;
    }

    /** The test class's context, whose store is closed after the class: a test method's is closed after it. */
    private static ExtensionContext classContext(ExtensionContext context) {
        ExtensionContext at = context;
        while (at.getTestMethod().isPresent() && at.getParent().isPresent()) {
            at = at.getParent().get();
        }
        return at;
    }
}
