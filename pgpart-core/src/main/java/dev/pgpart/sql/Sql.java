package dev.pgpart.sql;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * The only place that turns names and values into SQL text. Every identifier is double-quoted
 * and every literal single-quoted with its quotes doubled; the session runs with
 * standard_conforming_strings on (the default since 9.1, and checked on connect), so backslashes
 * are not special.
 */
public final class Sql {
    private static final Pattern PLAIN = Pattern.compile("[a-z_][a-z0-9_$]*");
    // Reserved words (and a few type-like ones) that must be quoted even when lower case.
    private static final Set<String> RESERVED = Set.of("all", "analyse", "analyze", "and", "any", "array", "as",
            "asc", "asymmetric", "both", "case", "cast", "check", "collate", "column", "constraint", "create",
            "current_catalog", "current_date", "current_role", "current_time", "current_timestamp", "current_user",
            "default", "deferrable", "desc", "distinct", "do", "else", "end", "except", "false", "fetch", "for",
            "foreign", "from", "grant", "group", "having", "in", "initially", "intersect", "into", "lateral",
            "leading", "limit", "localtime", "localtimestamp", "not", "null", "offset", "on", "only", "or", "order",
            "placing", "primary", "references", "returning", "select", "session_user", "some", "symmetric",
            "system_user", "table", "then", "to", "trailing", "true", "union", "unique", "user", "using",
            "variadic", "when", "where", "window", "with");

    private Sql() {
    }

    /** A quoted identifier: {@code "Sales ""Dept"""}. */
    public static String ident(String identifier) {
        if (identifier.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("identifier contains a NUL character");
        }
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /** For messages: quotes only where PostgreSQL would require it. */
    public static String identIfNeeded(String identifier) {
        return PLAIN.matcher(identifier).matches() && !RESERVED.contains(identifier) ? identifier : ident(identifier);
    }

    /** A quoted string literal: {@code 'O''Brien'}. */
    public static String literal(String value) {
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("literal contains a NUL character");
        }
        return '\'' + value.replace("'", "''") + '\'';
    }

    /** A literal that PostgreSQL coerces to the column type, or NULL. */
    public static String literalOrNull(java.util.Optional<String> value) {
        return value.map(Sql::literal).orElse("NULL");
    }

    /** A lock_timeout or statement_timeout value in milliseconds, as SET accepts it. */
    public static String millis(java.time.Duration d) {
        return literal(d.toMillis() + "ms");
    }
}
