package io.github.cdcverify.setup;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a migration file into its statements, each with the line it starts on, so that a failing statement can be
 * named by file and line. Semicolons inside quotes, quoted identifiers, comments and dollar-quoted bodies (functions,
 * {@code DO} blocks) do not end a statement. Also read by a workload file ({@code --workload}).
 */
public final class SqlScript {

    /**
     * @param sql       the statement without its terminating semicolon
     * @param firstLine the 1-based line of the file where it starts (its first character that is not a comment)
     */
    public record Statement(String sql, int firstLine) {

        /** The file's line of a 1-based character position inside {@link #sql()}, as PostgreSQL reports one. */
        public int lineOf(int position) {
            int line = firstLine;
            for (int i = 0; i < Math.min(position - 1, sql.length()); i++) {
                if (sql.charAt(i) == '\n') {
                    line++;
                }
            }
            return line;
        }
    }

    private SqlScript() {
    }

    public static List<Statement> statements(String text) {
        List<Statement> statements = new ArrayList<>();
        int start = -1;
        int startLine = 1;
        int line = 1;
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '-' && i + 1 < n && text.charAt(i + 1) == '-') {
                while (i < n && text.charAt(i) != '\n') {
                    i++;
                }
                continue;
            }
            if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
                int depth = 0;
                do {
                    if (text.startsWith("/*", i)) {
                        depth++;
                        i += 2;
                    } else if (text.startsWith("*/", i)) {
                        depth--;
                        i += 2;
                    } else {
                        line += text.charAt(i) == '\n' ? 1 : 0;
                        i++;
                    }
                } while (depth > 0 && i < n);
                continue;
            }
            if (c == '\n') {
                line++;
                i++;
                continue;
            }
            if (Character.isWhitespace(c) && start < 0) {
                i++;
                continue;
            }
            if (start < 0 && c != ';') {
                start = i;
                startLine = line;
            }
            int end;
            if (c == '\'' ) {
                boolean escapes = i > 0 && (text.charAt(i - 1) == 'E' || text.charAt(i - 1) == 'e');
                end = quotedEnd(text, i, '\'', escapes);
            } else if (c == '"') {
                end = quotedEnd(text, i, '"', false);
            } else if (c == '$' && dollarTag(text, i) != null) {
                String tag = dollarTag(text, i);
                int close = text.indexOf(tag, i + tag.length());
                end = close < 0 ? n : close + tag.length();
            } else if (c == ';') {
                if (start >= 0) {
                    statements.add(new Statement(text.substring(start, i).strip(), startLine));
                }
                start = -1;
                i++;
                continue;
            } else {
                end = i + 1;
            }
            for (int k = i + 1; k < end; k++) {
                line += text.charAt(k) == '\n' ? 1 : 0;
            }
            i = end;
        }
        if (start >= 0 && !text.substring(start).isBlank()) {
            statements.add(new Statement(text.substring(start).strip(), startLine));
        }
        return statements;
    }

    /** The index after the closing quote; a doubled quote (and with {@code escapes} a backslash) does not close. */
    private static int quotedEnd(String text, int open, char quote, boolean escapes) {
        int i = open + 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (escapes && c == '\\') {
                i += 2;
            } else if (c == quote) {
                if (i + 1 < text.length() && text.charAt(i + 1) == quote) {
                    i += 2;
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        return text.length();
    }

    /** {@code $$} or {@code $tag$} starting at {@code i}, or {@code null} (e.g. a parameter {@code $1}). */
    private static String dollarTag(String text, int i) {
        if (i > 0 && (Character.isLetterOrDigit(text.charAt(i - 1)) || text.charAt(i - 1) == '_')) {
            return null;
        }
        int j = i + 1;
        while (j < text.length() && (Character.isLetter(text.charAt(j)) || text.charAt(j) == '_'
                || (j > i + 1 && Character.isDigit(text.charAt(j))))) {
            j++;
        }
        return j < text.length() && text.charAt(j) == '$' ? text.substring(i, j + 1) : null;
    }
}
