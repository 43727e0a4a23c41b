package dev.pgpart.exec;

import java.util.List;
import java.util.Objects;

/**
 * One statement the executor sends. Rendered by {@link DdlRenderer}; every name and value in
 * {@link #sql()} went through {@code Sql.ident}/{@code Sql.literal}; {@link #params()} are bind
 * parameters (catalog look-ups only).
 */
public record Step(Kind kind, String sql, List<String> params) {
    public Step {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(sql, "sql");
        params = List.copyOf(params);
    }

    public static Step ddl(String sql) {
        return new Step(Kind.DDL, sql, List.of());
    }

    public enum Kind {
        /** A statement run for its effect. */
        DDL,
        /** The DELETE ... RETURNING / INSERT that moves rows out of the default: its update count is reported. */
        MOVE_ROWS,
        /**
         * A query returning {@code pg_class.relispartition} of the relation named by the two bind
         * parameters (schema, name): the action fails unless it returns false, so a table that is
         * somehow still attached is never dropped.
         */
        EXPECT_DETACHED
    }
}
