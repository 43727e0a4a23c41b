package dev.pgpart.jpa;

import dev.pgpart.ErrorCode;
import dev.pgpart.PgpartException;
import dev.pgpart.sql.QualifiedName;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** What a database already has under an entity's table name, so a migration never replaces a table with data. */
final class ExistingTables {
    static final String RELKIND_SQL = "SELECT c.relkind FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n"
            + " ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relname = ?";

    private ExistingTables() {
    }

    /** What the database has under the name, if anything. */
    record Found(boolean partitioned, String message) {
    }

    /** Why no migration should be generated for {@code table}, if the database already has it. */
    static Optional<Found> refusal(Connection c, QualifiedName table, String where) {
        try (PreparedStatement ps = c.prepareStatement(RELKIND_SQL)) {
            ps.setString(1, table.schema());
            ps.setString(2, table.name());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                String kind = rs.getString(1);
                if (kind.equals("p")) {
                    return Optional.of(new Found(true, table + " already exists in " + where + " and is partitioned: no migration was"
                            + " generated for it -> run pgpart maintain (or plan) to create its partitions"));
                }
                return Optional.of(new Found(false, table + " already exists in " + where + " as a " + (kind.equals("r") ? "plain table"
                        : "relation of kind '" + kind + "'") + ": a CREATE TABLE migration would fail, and dropping it first"
                        + " would lose its rows; no migration was generated for it -> convert it in place with"
                        + " pgpart convert plan " + table + " (then convert run)"));
            }
        } catch (SQLException e) {
            throw new PgpartException(ErrorCode.DATABASE, "cannot read whether " + table + " exists in " + where + ": "
                    + e.getMessage() + "; nothing was written", e);
        }
    }
}
