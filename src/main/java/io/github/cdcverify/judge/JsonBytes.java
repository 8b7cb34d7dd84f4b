package io.github.cdcverify.judge;

import java.io.IOException;

/**
 * Walks the fields of one JSON object in a byte array without parsing their values: each value's extent is found by
 * counting brackets outside strings. For records a parser has already read once (the same schema prefix), where
 * only a few fields matter.
 */
public final class JsonBytes {

    private JsonBytes() {
    }

    /** Gets each field's name (without quotes) and value as byte ranges; returns false to stop. */
    @FunctionalInterface
    public interface FieldVisitor {
        boolean field(int nameFrom, int nameTo, int valueFrom, int valueTo) throws IOException;
    }

    public static void walkFields(byte[] bytes, int start, FieldVisitor visitor) throws IOException {
        int at = skipWhitespace(bytes, start);
        expect(bytes, at, '{');
        at = skipWhitespace(bytes, at + 1);
        if (at < bytes.length && bytes[at] == '}') {
            return;
        }
        while (true) {
            expect(bytes, at, '"');
            int nameEnd = stringEnd(bytes, at);
            int colon = skipWhitespace(bytes, nameEnd);
            expect(bytes, colon, ':');
            int valueStart = skipWhitespace(bytes, colon + 1);
            int valueEnd = valueEnd(bytes, valueStart);
            if (!visitor.field(at + 1, nameEnd - 1, valueStart, valueEnd)) {
                return;
            }
            at = skipWhitespace(bytes, valueEnd);
            if (at < bytes.length && bytes[at] == ',') {
                at = skipWhitespace(bytes, at + 1);
            } else {
                expect(bytes, at, '}');
                return;
            }
        }
    }

    /** Just past the value that starts at {@code at}. */
    public static int valueEnd(byte[] bytes, int at) throws IOException {
        if (at >= bytes.length) {
            throw new IOException("JSON ends where a value should be");
        }
        byte first = bytes[at];
        if (first == '"') {
            return stringEnd(bytes, at);
        }
        if (first != '{' && first != '[') {
            int end = at;
            while (end < bytes.length && bytes[end] != ',' && bytes[end] != '}' && bytes[end] != ']'
                    && bytes[end] > ' ') {
                end++;
            }
            return end;
        }
        int depth = 0;
        for (int i = at; i < bytes.length; i++) {
            byte b = bytes[i];
            if (b == '"') {
                i = stringEnd(bytes, i) - 1;
            } else if (b == '{' || b == '[') {
                depth++;
            } else if ((b == '}' || b == ']') && --depth == 0) {
                return i + 1;
            }
        }
        throw new IOException("JSON ends inside a value that starts at byte " + at);
    }

    /** Just past the closing quote of the string whose opening quote is at {@code at}. */
    static int stringEnd(byte[] bytes, int at) throws IOException {
        for (int i = at + 1; i < bytes.length; i++) {
            if (bytes[i] == '\\') {
                i++;
            } else if (bytes[i] == '"') {
                return i + 1;
            }
        }
        throw new IOException("JSON ends inside a string that starts at byte " + at);
    }

    public static int skipWhitespace(byte[] bytes, int at) {
        int i = at;
        while (i < bytes.length && (bytes[i] == ' ' || bytes[i] == '\n' || bytes[i] == '\r' || bytes[i] == '\t')) {
            i++;
        }
        return i;
    }

    static void expect(byte[] bytes, int at, char wanted) throws IOException {
        if (at >= bytes.length || bytes[at] != wanted) {
            throw new IOException("Expected '" + wanted + "' at byte " + at + " of the JSON");
        }
    }
}
