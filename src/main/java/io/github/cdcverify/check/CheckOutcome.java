package io.github.cdcverify.check;

/**
 * How a check judged the pipeline: {@link Passed}, {@link Failed} (the pipeline is wrong: exit 1) or
 * {@link CouldNotCheck} (exit 3). Each carries how many of the check's unit it verified, so a failure still says how
 * much was checked. A check returns its outcome; an exception it throws is turned into one by {@link CheckRunner}
 * (an {@link AssertionError} fails, anything else could not check).
 */
public sealed interface CheckOutcome {

    /** How many of the check's unit ({@link Check#unit()}) it verified. */
    int count();

    static CheckOutcome passed(int count) {
        return new Passed(count);
    }

    static CheckOutcome failed(String message, int count) {
        return new Failed(message, count);
    }

    /** It verified {@code count} and found nothing wrong. */
    record Passed(int count) implements CheckOutcome {
    }

    /** The pipeline did not deliver what it should: {@code message} says what, after {@code count} verified. */
    record Failed(String message, int count) implements CheckOutcome {

        /** The same failure with another line, e.g. a clean-up that failed after it: {@code Also: ...}. */
        Failed also(String line) {
            return new Failed(message + System.lineSeparator() + "Also: " + line, count);
        }
    }

    /** The check could not judge the pipeline: {@code message} says why and what to do. */
    record CouldNotCheck(String message) implements CheckOutcome {

        @Override
        public int count() {
            return 0;
        }
    }
}
