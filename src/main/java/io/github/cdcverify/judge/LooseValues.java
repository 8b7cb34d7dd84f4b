package io.github.cdcverify.judge;

import java.math.BigDecimal;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Compares values read from change events with the values a test expects, where the JSON parser's choice of number
 * type must not matter: {@code 4} (Integer) equals {@code 4L} (Long) and {@code 4.0} (Double), recursively in maps and
 * lists.
 */
final class LooseValues {

    private LooseValues() {
    }

    /** Whether {@code expected} and {@code actual} are equal, numbers by value. */
    static boolean same(Object expected, Object actual) {
        if (expected instanceof Number a && actual instanceof Number b) {
            return sameNumber(a, b);
        }
        if (expected instanceof Map<?, ?> a && actual instanceof Map<?, ?> b) {
            return sameMap(a, b);
        }
        if (expected instanceof List<?> a && actual instanceof List<?> b) {
            return sameList(a, b);
        }
        return Objects.equals(expected, actual);
    }

    private static boolean sameNumber(Number a, Number b) {
        try {
            return new BigDecimal(a.toString()).compareTo(new BigDecimal(b.toString())) == 0;
        } catch (NumberFormatException notFinite) {
            // NaN and infinities have no BigDecimal form; compare them as doubles.
            return Double.compare(a.doubleValue(), b.doubleValue()) == 0;
        }
    }

    private static boolean sameMap(Map<?, ?> a, Map<?, ?> b) {
        if (a.size() != b.size() || !a.keySet().equals(b.keySet())) {
            return false;
        }
        for (Map.Entry<?, ?> entry : a.entrySet()) {
            if (!same(entry.getValue(), b.get(entry.getKey()))) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameList(List<?> a, List<?> b) {
        if (a.size() != b.size()) {
            return false;
        }
        Iterator<?> left = a.iterator();
        Iterator<?> right = b.iterator();
        while (left.hasNext()) {
            if (!same(left.next(), right.next())) {
                return false;
            }
        }
        return true;
    }
}
