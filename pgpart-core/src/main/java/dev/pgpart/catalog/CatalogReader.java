package dev.pgpart.catalog;

import dev.pgpart.sql.QualifiedName;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;

/** Reads a {@link Catalog} for the given tables in a constant number of queries. */
public final class CatalogReader {
    /** Expects a connection prepared by {@code Session.configure}. */
    public Catalog read(Connection connection, Collection<QualifiedName> tables) throws SQLException {
        throw new UnsupportedOperationException("todo");
    }
}
