package dev.pgpart.guard;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;

/** A value for one statement parameter, bound (never spliced into the SQL text) when explaining. */
public sealed interface Param {
    void bind(PreparedStatement ps, int index) throws SQLException;

    /** For reports: how the value reads. */
    String display();

    /** Text whose type the server infers from the statement, as a psql literal would be: the CLI's --param. */
    record Text(String value) implements Param {
        @Override
        public void bind(PreparedStatement ps, int index) throws SQLException {
            ps.setObject(index, value, Types.OTHER);
        }

        @Override
        public String display() {
            return dev.pgpart.sql.Sql.literal(value);
        }
    }

    /** A Java value, bound with {@code setObject} as the application bound it (so with the same type). */
    record Value(Object value) implements Param {
        @Override
        public void bind(PreparedStatement ps, int index) throws SQLException {
            ps.setObject(index, value);
        }

        @Override
        public String display() {
            return value instanceof CharSequence ? dev.pgpart.sql.Sql.literal(value.toString()) : String.valueOf(value);
        }
    }

    /** SQL NULL of the given {@link Types} type ({@code Types.OTHER}: let the server infer it). */
    record Null(int sqlType) implements Param {
        @Override
        public void bind(PreparedStatement ps, int index) throws SQLException {
            ps.setNull(index, sqlType);
        }

        @Override
        public String display() {
            return "NULL";
        }
    }

    /** A Java value as an application passes it: {@code null} becomes {@link Null}. */
    static Param of(Object value) {
        if (value == null) {
            return new Null(Types.OTHER);
        }
        return value instanceof Param p ? p : new Value(value);
    }
}
