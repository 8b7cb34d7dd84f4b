package io.github.cdcverify.check.deployed;

/**
 * Something about a deployed connector that loses or changes data, or puts the database at risk.
 *
 * @param setting what causes it, e.g. {@code skipped.operations=u} or {@code public.users}
 * @param effect  what it does to the user's data, in their words
 */
public record Finding(String setting, String effect) {

    /** {@code WARN <setting>: <effect>}. */
    public String line() {
        return "WARN " + setting + ": " + effect;
    }
}
