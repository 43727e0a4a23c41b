package dev.pgpart.internal.exec;

import java.util.List;
import java.util.Objects;

/**
 * One statement the executor sends. Rendered by {@link DdlRenderer}; every name and value in
 * {@link #sql()} went through {@code Sql.ident}/{@code Sql.literal}; {@link #params()} are bind
 * parameters (catalog look-ups only).
 *
 * @param refusal for {@link Kind#EXPECT_NO_ROWS}: why the action must not go on if rows are found
 */
public record Step(Kind kind, String sql, List<String> params, String refusal) {
    public Step {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(sql, "sql");
        Objects.requireNonNull(refusal, "refusal");
        params = List.copyOf(params);
    }

    public Step(Kind kind, String sql, List<String> params) {
        this(kind, sql, params, "");
    }

    public static Step ddl(String sql) {
        return new Step(Kind.DDL, sql, List.of());
    }

    public static Step expectNoRows(String sql, String refusal) {
        return new Step(Kind.EXPECT_NO_ROWS, sql, List.of(), refusal);
    }

    public enum Kind {
        /** A statement run for its effect. */
        DDL,
        /** The INSERT that puts the rows moved out of the default into their partition: its count is reported. */
        MOVE_ROWS,
        /** A query returning whether rows exist: the action fails with {@link #refusal()} if it returns true. */
        EXPECT_NO_ROWS,
        /**
         * A query returning {@code pg_class.relispartition} of the relation named by the two bind
         * parameters (schema, name): the action fails unless it returns false, so a table that is
         * somehow still attached is never dropped.
         */
        EXPECT_DETACHED
    }
}
