package io.github.cdcverify.check.deployed;

import java.util.Collection;
import java.util.Locale;

/**
 * Something about a deployed connector, its configuration or its database that matters for the data in its topics.
 *
 * @param kind     whether it loses or changes data (fails unless accepted) or is advice (never fails)
 * @param setting  what causes it, e.g. {@code skipped.operations=u} or {@code public.users}
 * @param effect   what it does to the user's data, in their words
 * @param acceptAs the name {@code --accept} takes to accept it, e.g. {@code skipped.operations}
 * @param accepted whether the user accepted it by that name
 */
public record Finding(Kind kind, String setting, String effect, String acceptAs, boolean accepted) {

    /** What a finding means for the verdict. */
    public enum Kind {
        /** Records are dropped or changed on the way to the topic: fails the check unless accepted. */
        LOSES_DATA("LOSES DATA"),
        /** Worth knowing (risk, cost, a better setting), but the data in the topic is complete: never fails. */
        ADVICE("WARN");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** The word that starts the finding's line. */
        public String label() {
            return label;
        }
    }

    static Finding losesData(String setting, String acceptAs, String effect) {
        return new Finding(Kind.LOSES_DATA, setting, effect, acceptAs, false);
    }

    static Finding advice(String setting, String acceptAs, String effect) {
        return new Finding(Kind.ADVICE, setting, effect, acceptAs, false);
    }

    /** Whether it fails the check: it loses or changes data and was not accepted. */
    public boolean fails() {
        return kind == Kind.LOSES_DATA && !accepted;
    }

    /**
     * This finding, accepted when one of {@code names} is its {@link #acceptAs()} name or a dotted prefix of it
     * ({@code column.mask} accepts {@code column.mask.with.12.chars}), case-insensitive.
     */
    Finding acceptedBy(Collection<String> names) {
        return accepts(names, acceptAs) ? new Finding(kind, setting, effect, acceptAs, true) : this;
    }

    /** Whether one of {@code names} accepts what is accepted as {@code acceptAs}: see {@link #acceptedBy}. */
    static boolean accepts(Collection<String> names, String acceptAs) {
        String own = acceptAs.toLowerCase(Locale.ROOT);
        return names.stream().map(name -> name.strip().toLowerCase(Locale.ROOT))
                .anyMatch(name -> own.equals(name) || own.startsWith(name + "."));
    }

    /**
     * {@code LOSES DATA <setting>: <effect>}, {@code WARN <setting>: <effect>}, or for an accepted finding
     * {@code ACCEPTED <setting>: <effect> (--accept <name>)}.
     */
    public String line() {
        if (accepted) {
            return "ACCEPTED " + setting + ": " + effect + " (--accept " + acceptAs + ")";
        }
        return kind.label() + " " + setting + ": " + effect;
    }
}
