package dev.pgpart.internal.catalog;

import dev.pgpart.sql.QualifiedName;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One snapshot of what the database has, for the tables a run is about. Read by
 * {@code CatalogReader} in a constant number of queries; immutable; no JDBC types.
 *
 * @param serverVersionNum  {@code server_version_num}, e.g. 140013 or 180001
 * @param tables            the configured tables that exist, by name (any relkind)
 * @param relationNames     every relation name in the schemas of the configured tables, so new
 *                          partition names can be checked for collisions without a query each
 */
public record Catalog(int serverVersionNum, Map<QualifiedName, TableInfo> tables, Set<QualifiedName> relationNames) {
    public Catalog {
        tables = Map.copyOf(tables);
        relationNames = Set.copyOf(relationNames);
    }

    public Optional<TableInfo> table(QualifiedName name) {
        return Optional.ofNullable(tables.get(name));
    }

    public int majorVersion() {
        return serverVersionNum / 10000;
    }

    public boolean nameTaken(QualifiedName name) {
        return relationNames.contains(name);
    }
}
