package io.github.cdcverify.generate;

import io.github.cdcverify.event.Op;
import net.datafaker.Faker;

import java.util.Locale;
import java.util.Random;

/**
 * Decides the next row change: which operation (by the mix), which row, and what values.
 *
 * <p>All randomness comes from the seed, and the faker gets its own generator so that the number of values it
 * draws cannot shift the operation and row choices; a seeded run against an empty table is therefore repeatable.
 */
final class ChangePlanner {

    /** Matches the tutorial's {@code VARCHAR(100)} columns, so a long fake value cannot fail an insert. */
    static final int MAX_TEXT_LENGTH = 100;

    private final Mix mix;
    private final Integer maxRows;
    private final Random random;
    private final Faker faker;

    ChangePlanner(Mix mix, Integer maxRows, long seed) {
        this.mix = mix;
        this.maxRows = maxRows;
        this.random = new Random(seed);
        // A fixed locale: the machine's default locale would change the generated values.
        this.faker = new Faker(Locale.ENGLISH, new Random(seed));
    }

    /**
     * The next change; updates and deletes become inserts while no row is live, and inserts become deletes while
     * the table has its most rows.
     */
    PlannedChange next(LiveRows live) {
        Op op = mix.pick(random);
        if (op == Op.CREATE && maxRows != null && live.size() >= maxRows) {
            op = Op.DELETE;
        }
        if (op == Op.CREATE || live.isEmpty()) {
            return new PlannedChange(Op.CREATE, null, name(), email());
        }
        int key = live.keyAt(random.nextInt(live.size()));
        if (op == Op.UPDATE) {
            return new PlannedChange(Op.UPDATE, key, name(), email());
        }
        return new PlannedChange(Op.DELETE, key, null, null);
    }

    private String name() {
        return fit(faker.name().fullName());
    }

    private String email() {
        return fit(faker.internet().emailAddress());
    }

    private static String fit(String text) {
        return text.length() <= MAX_TEXT_LENGTH ? text : text.substring(0, MAX_TEXT_LENGTH);
    }
}
