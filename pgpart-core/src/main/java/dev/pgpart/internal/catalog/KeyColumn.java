package dev.pgpart.internal.catalog;

import java.util.Optional;

/**
 * One partition key column.
 *
 * @param name       column name (empty string when the key part is an expression)
 * @param expression the key expression as PostgreSQL prints it, for expression keys
 * @param typeName   {@code format_type()} of the key, e.g. {@code timestamp with time zone}
 */
public record KeyColumn(String name, Optional<String> expression, String typeName, KeyType type) {
}
