package io.github.cdcverify.generate;

import io.github.cdcverify.generate.TableShape.ColumnShape;

import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Random values for a column of any supported type, as PostgreSQL text literals (bound as {@code ?::type}), so that
 * one path writes integers, numerics of every precision, enums, arrays and JSON alike. Values a check constraint
 * names in quotes are offered too: an {@code IN ('new', 'paid')} list is met at once rather than by chance.
 */
final class ValueMaker {

    /** Element types an array column may have for the generator to fill it. */
    static final Set<String> SCALARS = Set.of("int2", "int4", "int8", "numeric", "float4", "float8", "text",
            "varchar", "bpchar", "bool", "date", "timestamp", "timestamptz", "time", "uuid", "json", "jsonb", "bytea");
    private static final Set<String> ARRAY_ELEMENTS = Set.of("int2", "int4", "int8", "text", "varchar", "bpchar",
            "bool", "uuid", "float8");
    private static final Pattern QUOTED = Pattern.compile("'((?:[^']|'')*)'");
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    private final Random random;

    ValueMaker(Random random) {
        this.random = random;
    }

    /** Whether {@link #literal} can make values for the column; otherwise why not. */
    static String unsupported(ColumnShape column) {
        if (column.category() == 'E' || SCALARS.contains(column.baseType())) {
            return null;
        }
        if (column.category() == 'A' && (ARRAY_ELEMENTS.contains(column.element()) || !column.labels().isEmpty())) {
            return null;
        }
        return "no generator for type " + column.type();
    }

    /** A value for the column, its text form; {@code checkLiterals} are quoted strings of its check constraints. */
    String literal(ColumnShape column, List<String> checkLiterals) {
        if (column.category() == 'A') {
            int size = random.nextInt(4);
            List<String> elements = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                String element = column.labels().isEmpty() ? scalar(column.element(), null, null, null, List.of())
                        : pick(column.labels());
                elements.add("\"" + element.replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
            }
            return "{" + String.join(",", elements) + "}";
        }
        if (column.category() == 'E') {
            return pick(column.labels());
        }
        return scalar(column.baseType(), column.length(), column.precision(), column.scale(), checkLiterals);
    }

    private String scalar(String type, Integer length, Integer precision, Integer scale, List<String> checkLiterals) {
        return switch (type) {
            case "int2" -> Integer.toString(small() ? 1 + random.nextInt(100) : random.nextInt(32_000));
            case "int4" -> Integer.toString(small() ? 1 + random.nextInt(100) : random.nextInt(2_000_000_000));
            case "int8" -> Long.toString(small() ? 1 + random.nextInt(100) : random.nextLong() >>> 2);
            case "numeric" -> numeric(precision, scale);
            case "float4" -> Float.toString(random.nextInt(1_000_000) / 100f);
            case "float8" -> Double.toString(random.nextInt(1_000_000_000) / 1000d);
            case "text", "varchar", "bpchar" -> text(length, checkLiterals);
            case "bool" -> Boolean.toString(random.nextBoolean());
            case "date" -> LocalDate.ofEpochDay(10_957 + random.nextInt(11_000)).toString();
            case "timestamp" -> TIMESTAMP.format(dateTime());
            case "timestamptz" -> TIMESTAMP.format(dateTime()) + "+00";
            case "time" -> LocalTime.ofNanoOfDay(random.nextLong(86_400_000_000L) * 1000).toString();
            case "uuid" -> new UUID(random.nextLong(), random.nextLong()).toString();
            case "json", "jsonb" -> "{\"n\": " + random.nextInt(1000) + ", \"s\": \"" + word(6) + "\", \"ok\": "
                    + random.nextBoolean() + "}";
            case "bytea" -> "\\x" + HexFormat.of().formatHex(bytes());
            default -> throw new IllegalArgumentException("no generator for type " + type);
        };
    }

    private boolean small() {
        return random.nextInt(3) == 0;
    }

    private LocalDateTime dateTime() {
        long micros = 946_684_800_000_000L + (random.nextLong() >>> 1) % 1_000_000_000_000_000L;
        return LocalDateTime.ofEpochSecond(micros / 1_000_000, (int) (micros % 1_000_000) * 1000, ZoneOffset.UTC);
    }

    /** Every digit the declared precision and scale allow, so that a lossy numeric mode shows. */
    private String numeric(Integer precision, Integer scale) {
        int fraction = scale == null ? random.nextInt(5) : scale;
        int whole = precision == null ? 1 + random.nextInt(8) : precision - fraction;
        int wholeDigits = whole <= 0 ? 0 : 1 + random.nextInt(Math.min(whole, 18));
        String integer = wholeDigits == 0 ? "0" : new BigInteger(digits(wholeDigits)).toString();
        return fraction == 0 ? integer : integer + "." + digits(fraction);
    }

    private String digits(int count) {
        StringBuilder digits = new StringBuilder(count);
        for (int i = 0; i < count; i++) {
            digits.append((char) ('0' + (i == 0 ? 1 + random.nextInt(9) : random.nextInt(10))));
        }
        return digits.toString();
    }

    private String text(Integer length, List<String> checkLiterals) {
        if (!checkLiterals.isEmpty() && random.nextInt(4) != 0) {
            String literal = pick(checkLiterals);
            if (length == null || literal.length() <= length) {
                return literal;
            }
        }
        int most = length == null ? 16 : Math.min(length, 16);
        return word(Math.max(1, most / 2 + random.nextInt(most / 2 + 1)));
    }

    private String word(int size) {
        StringBuilder word = new StringBuilder(size);
        for (int i = 0; i < size; i++) {
            word.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return word.toString();
    }

    private byte[] bytes() {
        byte[] bytes = new byte[1 + random.nextInt(16)];
        random.nextBytes(bytes);
        return bytes;
    }

    private String pick(List<String> values) {
        return values.get(random.nextInt(values.size()));
    }

    /** The quoted strings of the check constraints that name {@code column}. */
    static List<String> checkLiterals(TableShape shape, String column) {
        List<String> literals = new ArrayList<>();
        for (TableShape.CheckConstraint check : shape.checks()) {
            if (!check.definition().contains(column)) {
                continue;
            }
            Matcher quoted = QUOTED.matcher(check.definition());
            while (quoted.find()) {
                literals.add(quoted.group(1).replace("''", "'"));
            }
        }
        return literals;
    }
}
