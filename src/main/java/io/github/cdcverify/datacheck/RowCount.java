package io.github.cdcverify.datacheck;

/** "1 row differs", "2 rows differ": a count and the words after it, in agreement. */
final class RowCount {

    private RowCount() {
    }

    /** {@code words} as written for several rows (" rows differ ..."), made singular when {@code count} is 1. */
    static String agree(long count, String words) {
        if (count != 1) {
            return words;
        }
        return words.replaceFirst("^ rows ", " row ").replaceFirst("^ row differ\\b", " row differs");
    }
}
