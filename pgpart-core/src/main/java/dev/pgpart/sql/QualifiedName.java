package dev.pgpart.sql;

import dev.pgpart.ErrorCode;
import dev.pgpart.PgpartException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A schema-qualified relation name, held unquoted exactly as PostgreSQL stores it
 * ({@code pg_namespace.nspname}, {@code pg_class.relname}).
 */
public record QualifiedName(String schema, String name) implements Comparable<QualifiedName> {
    /** PostgreSQL's NAMEDATALEN - 1: identifiers longer than this many bytes are truncated. */
    public static final int MAX_IDENTIFIER_BYTES = 63;

    public QualifiedName {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(name, "name");
        if (schema.isEmpty() || name.isEmpty()) {
            throw new PgpartException(ErrorCode.CONFIG, "empty identifier in " + schema + "." + name);
        }
    }

    public static QualifiedName of(String schema, String name) {
        return new QualifiedName(schema, name);
    }

    /**
     * Parses SQL-style text: {@code orders}, {@code public.orders}, {@code "Sales Dept"."Orders;X"}.
     * Unquoted parts fold to lower case as PostgreSQL does; an unqualified name means {@code public}.
     */
    public static QualifiedName parse(String text) {
        List<String> parts = splitIdentifiers(text);
        if (parts.size() == 1) {
            return new QualifiedName("public", parts.get(0));
        }
        if (parts.size() == 2) {
            return new QualifiedName(parts.get(0), parts.get(1));
        }
        throw new PgpartException(ErrorCode.CONFIG, "'" + text + "' is not a table name: expected table or schema.table"
                + " (double-quote parts that contain dots, spaces or capitals)");
    }

    private static List<String> splitIdentifiers(String text) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int i = 0;
        String t = text.strip();
        while (i <= t.length()) {
            if (i < t.length() && t.charAt(i) == '"') {
                int j = i + 1;
                StringBuilder quoted = new StringBuilder();
                while (true) {
                    if (j >= t.length()) {
                        throw new PgpartException(ErrorCode.CONFIG, "unterminated quoted identifier in '" + text + "'");
                    }
                    char c = t.charAt(j);
                    if (c == '"') {
                        if (j + 1 < t.length() && t.charAt(j + 1) == '"') {
                            quoted.append('"');
                            j += 2;
                            continue;
                        }
                        break;
                    }
                    quoted.append(c);
                    j++;
                }
                current.append(quoted);
                i = j + 1;
                if (i < t.length() && t.charAt(i) != '.') {
                    throw new PgpartException(ErrorCode.CONFIG, "unexpected text after quoted identifier in '" + text + "'");
                }
                continue;
            }
            if (i == t.length() || t.charAt(i) == '.') {
                if (current.length() == 0) {
                    throw new PgpartException(ErrorCode.CONFIG, "empty identifier in '" + text + "'");
                }
                parts.add(current.toString());
                current.setLength(0);
                i++;
                continue;
            }
            char c = t.charAt(i);
            if (Character.isWhitespace(c)) {
                throw new PgpartException(ErrorCode.CONFIG, "'" + text + "' contains a space: double-quote that part, e.g. '\"Sales Dept\".orders'");
            }
            current.append(Character.toLowerCase(c));
            i++;
        }
        return parts;
    }

    /** The name as SQL text, both parts always quoted. */
    public String sql() {
        return Sql.ident(schema) + "." + Sql.ident(name);
    }

    /** Same schema, another relation name. */
    public QualifiedName sibling(String otherName) {
        return new QualifiedName(schema, otherName);
    }

    /** For humans and logs: quotes only where SQL would need them. */
    @Override
    public String toString() {
        return Sql.identIfNeeded(schema) + "." + Sql.identIfNeeded(name);
    }

    @Override
    public int compareTo(QualifiedName o) {
        int c = schema.compareTo(o.schema);
        return c != 0 ? c : name.compareTo(o.name);
    }

    public static int byteLength(String identifier) {
        return identifier.getBytes(StandardCharsets.UTF_8).length;
    }

    /**
     * {@code s} cut to at most {@code maxBytes} UTF-8 bytes at a character boundary: PostgreSQL
     * truncates longer identifiers silently, possibly mid-character, so names are fitted first.
     */
    public static String truncateToBytes(String s, int maxBytes) {
        StringBuilder out = new StringBuilder();
        int bytes = 0;
        for (int cp : s.codePoints().toArray()) {
            int len = byteLength(new String(Character.toChars(cp)));
            if (bytes + len > maxBytes) {
                break;
            }
            out.appendCodePoint(cp);
            bytes += len;
        }
        return out.toString();
    }
}
