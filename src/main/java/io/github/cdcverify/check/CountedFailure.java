package io.github.cdcverify.check;

/**
 * A check that failed after counting what it looked at: the result line shows that count (e.g. the rows compared)
 * instead of 0, so a failure still says how much was checked.
 */
public final class CountedFailure extends AssertionError {

    private final int count;

    public CountedFailure(String message, int count) {
        super(message);
        this.count = count;
    }

    public int count() {
        return count;
    }
}
