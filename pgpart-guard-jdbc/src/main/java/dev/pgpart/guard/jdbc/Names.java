package dev.pgpart.guard.jdbc;

import java.util.Locale;

/** Identifiers as PostgreSQL stores them: unquoted ones fold to lower case, quoted ones keep their text. */
final class Names {
    private Names() {
    }

    static String normal(String identifier) {
        if (identifier.length() >= 2 && identifier.startsWith("\"") && identifier.endsWith("\"")) {
            return identifier.substring(1, identifier.length() - 1).replace("\"\"", "\"");
        }
        return identifier.toLowerCase(Locale.ROOT);
    }
}
