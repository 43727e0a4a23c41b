package dev.pgpart.guard;

import dev.pgpart.ErrorCode;
import dev.pgpart.PgpartException;
import java.util.ArrayList;
import java.util.List;

/**
 * A statement to explain, scanned the way pgjdbc and PostgreSQL read it: its parameter
 * placeholders ({@code ?} or {@code $n}, never inside literals, quoted names or comments) and
 * whether it is exactly one statement. One statement matters: the text is run behind EXPLAIN, and
 * {@code "SELECT 1; DROP TABLE t"} must never reach the server.
 *
 * @param sql          the statement without a trailing semicolon
 * @param style        how its parameters are written
 * @param placeholders each placeholder in text order: start offset, length and parameter number (1-based)
 */
public record SqlText(String sql, Style style, List<Placeholder> placeholders) {
    public enum Style { NONE, JDBC, NATIVE }

    public record Placeholder(int start, int length, int number) {
    }

    public SqlText {
        placeholders = List.copyOf(placeholders);
    }

    /** @throws PgpartException (CONFIG) for empty text, several statements, or mixed {@code ?} and {@code $n} */
    public static SqlText of(String text) {
        String sql = text.strip();
        Scan scan = new Scan(sql);
        scan.run();
        if (scan.end < sql.length()) {
            sql = sql.substring(0, scan.end).strip();
        }
        if (sql.isEmpty()) {
            throw new PgpartException(ErrorCode.CONFIG, "no SQL statement given: pass one statement, e.g. \"SELECT * FROM orders WHERE id = 1\"");
        }
        boolean jdbc = scan.found.stream().anyMatch(p -> p.length() == 1);
        boolean nativeStyle = scan.found.stream().anyMatch(p -> p.length() > 1);
        if (jdbc && nativeStyle) {
            throw new PgpartException(ErrorCode.CONFIG, "the statement mixes ? and $n parameters: write them all one way");
        }
        return new SqlText(sql, jdbc ? Style.JDBC : nativeStyle ? Style.NATIVE : Style.NONE, scan.found);
    }

    /** How many values the statement needs: the number of {@code ?}, or the highest {@code $n}. */
    public int parameterCount() {
        return placeholders.stream().mapToInt(Placeholder::number).max().orElse(0);
    }

    /** The text with {@code $1, $2 ...} placeholders, as EXPLAIN (GENERIC_PLAN) takes it. */
    public String nativeSql() {
        return rewrite(p -> "$" + p.number());
    }

    /** The text with {@code ?} placeholders, as a JDBC PreparedStatement takes it. */
    public String jdbcSql() {
        return rewrite(p -> "?");
    }

    /** For {@link #jdbcSql()}: the parameter number bound to each {@code ?}, in order ($2 then $1 twice: 2, 1, 1). */
    public List<Integer> jdbcBindOrder() {
        return placeholders.stream().map(Placeholder::number).toList();
    }

    private String rewrite(java.util.function.Function<Placeholder, String> as) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        for (Placeholder p : placeholders) {
            out.append(sql, at, p.start()).append(as.apply(p));
            at = p.start() + p.length();
        }
        return out.append(sql, at, sql.length()).toString();
    }

    /** A single pass over the text, tracking literals, quoted identifiers, comments and dollar quotes. */
    private static final class Scan {
        private final String s;
        private final List<Placeholder> found = new ArrayList<>();
        private int i;
        private int end;
        private int jdbcCount;

        Scan(String s) {
            this.s = s;
            this.end = s.length();
        }

        void run() {
            while (i < s.length()) {
                char c = s.charAt(i);
                if (c == '\'') {
                    i = quoted(i + 1, '\'', isEscapeString());
                } else if (c == '"') {
                    i = quoted(i + 1, '"', false);
                } else if (c == '-' && next('-')) {
                    int nl = s.indexOf('\n', i);
                    i = nl < 0 ? s.length() : nl + 1;
                } else if (c == '/' && next('*')) {
                    i = blockComment(i);
                } else if (c == '$') {
                    i = dollar(i);
                } else if (c == '?') {
                    i = question(i);
                } else if (c == ';') {
                    semicolon();
                    return;
                } else {
                    i++;
                }
            }
        }

        private boolean next(char c) {
            return i + 1 < s.length() && s.charAt(i + 1) == c;
        }

        private boolean isEscapeString() {
            return i > 0 && (s.charAt(i - 1) == 'E' || s.charAt(i - 1) == 'e') && (i < 2 || !isIdentChar(s.charAt(i - 2)));
        }

        private int quoted(int from, char q, boolean backslash) {
            int j = from;
            while (j < s.length()) {
                char c = s.charAt(j);
                if (backslash && c == '\\') {
                    j += 2;
                } else if (c == q) {
                    if (j + 1 < s.length() && s.charAt(j + 1) == q) {
                        j += 2;
                    } else {
                        return j + 1;
                    }
                } else {
                    j++;
                }
            }
            return j;
        }

        private int blockComment(int from) {
            int depth = 0;
            int j = from;
            while (j < s.length()) {
                if (s.startsWith("/*", j)) {
                    depth++;
                    j += 2;
                } else if (s.startsWith("*/", j)) {
                    depth--;
                    j += 2;
                    if (depth == 0) {
                        return j;
                    }
                } else {
                    j++;
                }
            }
            return j;
        }

        private int dollar(int at) {
            if (at > 0 && isIdentChar(s.charAt(at - 1))) {
                return at + 1; // part of an identifier such as a$1
            }
            int j = at + 1;
            if (j < s.length() && Character.isDigit(s.charAt(j))) {
                while (j < s.length() && Character.isDigit(s.charAt(j))) {
                    j++;
                }
                found.add(new Placeholder(at, j - at, Integer.parseInt(s.substring(at + 1, j))));
                return j;
            }
            while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_')) {
                j++;
            }
            if (j < s.length() && s.charAt(j) == '$') {
                String tag = s.substring(at, j + 1);
                int close = s.indexOf(tag, j + 1);
                return close < 0 ? s.length() : close + tag.length();
            }
            return at + 1;
        }

        private int question(int at) {
            if (next('?')) {
                return at + 2; // pgjdbc's escape for a literal ? (jsonb operators)
            }
            found.add(new Placeholder(at, 1, ++jdbcCount));
            return at + 1;
        }

        private void semicolon() {
            String rest = s.substring(i + 1).strip();
            if (!rest.isEmpty() && !onlyComments(rest)) {
                throw new PgpartException(ErrorCode.CONFIG, "more than one statement given (text after ';': '"
                        + abbreviate(rest) + "'): explain one statement at a time");
            }
            end = i;
        }

        private static boolean onlyComments(String rest) {
            Scan tail = new Scan(rest.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("--[^\n]*", " ").strip());
            return tail.s.isEmpty();
        }

        private static boolean isIdentChar(char c) {
            return Character.isLetterOrDigit(c) || c == '_' || c == '$';
        }

        private static String abbreviate(String t) {
            return t.length() > 40 ? t.substring(0, 40) + "..." : t;
        }
    }
}
