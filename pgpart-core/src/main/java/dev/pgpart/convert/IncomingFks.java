package dev.pgpart.convert;

import dev.pgpart.sql.QualifiedName;
import dev.pgpart.sql.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Foreign keys of other tables that reference the converted one: a partitioned table can only be
 * referenced through a unique key holding the partition key, so each is re-created with the key
 * added on both sides, its options kept, {@code NOT VALID} (validated afterwards, outside the swap:
 * SHARE UPDATE EXCLUSIVE on the referencing table, reads and writes go on). One rendering for both
 * strategies.
 */
public final class IncomingFks {
    private IncomingFks() {
    }

    /** Those that reference the table with OID {@code oid}; {@code hasKeyColumn} says whether the referencing table has {@code key}. */
    public static List<Source.IncomingFk> read(Connection c, long oid, String key) throws SQLException {
        return SourceReader.incomingFks(c, oid, key);
    }

    /** {@code f} on {@code referenced}, with {@code key} added to both column lists unless it is in them already. */
    public static String composite(Source.IncomingFk f, QualifiedName referenced, String key) {
        boolean has = f.toColumns().contains(key);
        List<String> from = has ? f.fromColumns() : Stream.concat(f.fromColumns().stream(), Stream.of(key)).toList();
        List<String> to = has ? f.toColumns() : Stream.concat(f.toColumns().stream(), Stream.of(key)).toList();
        return add(f, referenced, from, to);
    }

    /** {@code f} on {@code referenced} with the given columns and {@code f}'s options, NOT VALID. */
    public static String add(Source.IncomingFk f, QualifiedName referenced, List<String> from, List<String> to) {
        return "ALTER TABLE " + f.from().sql() + " ADD CONSTRAINT " + Sql.ident(f.name()) + " FOREIGN KEY (" + idents(from)
                + ") REFERENCES " + referenced.sql() + " (" + idents(to) + ")" + (f.matchFull() ? " MATCH FULL" : "")
                + " ON UPDATE " + action(f.onUpdate()) + " ON DELETE " + action(f.onDelete())
                + (f.deferrable() ? " DEFERRABLE" : "") + (f.initiallyDeferred() ? " INITIALLY DEFERRED" : "") + " NOT VALID";
    }

    public static String drop(Source.IncomingFk f) {
        return "ALTER TABLE " + f.from().sql() + " DROP CONSTRAINT " + Sql.ident(f.name());
    }

    public static String validate(Source.IncomingFk f) {
        return "ALTER TABLE " + f.from().sql() + " VALIDATE CONSTRAINT " + Sql.ident(f.name());
    }

    /** VALIDATE of every NOT VALID foreign key referencing {@code referenced}. */
    public static List<String> validations(Connection c, QualifiedName referenced) throws SQLException {
        List<String> out = new java.util.ArrayList<>();
        try (java.sql.PreparedStatement ps = c.prepareStatement("SELECT n.nspname, r.relname, k.conname FROM pg_constraint k"
                + " JOIN pg_class r ON r.oid = k.conrelid JOIN pg_namespace n ON n.oid = r.relnamespace"
                + " WHERE k.contype = 'f' AND NOT k.convalidated AND k.conparentid = 0 AND k.confrelid = to_regclass(?)"
                + " ORDER BY 1, 2, 3")) {
            ps.setString(1, referenced.sql());
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add("ALTER TABLE " + QualifiedName.of(rs.getString(1), rs.getString(2)).sql() + " VALIDATE CONSTRAINT "
                            + Sql.ident(rs.getString(3)));
                }
            }
        }
        return out;
    }

    /** The comment on foreign key {@code f}, if any (pgpart marks the ones whose columns it extended). */
    public static java.util.Optional<String> comment(Connection c, Source.IncomingFk f) throws SQLException {
        try (java.sql.PreparedStatement ps = c.prepareStatement("SELECT obj_description(oid, 'pg_constraint') FROM pg_constraint"
                + " WHERE conname = ? AND conrelid = to_regclass(?)")) {
            ps.setString(1, f.name());
            ps.setString(2, f.from().sql());
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                return rs.next() ? java.util.Optional.ofNullable(rs.getString(1)) : java.util.Optional.empty();
            }
        }
    }

    static String action(char code) {
        return switch (code) {
            case 'c' -> "CASCADE";
            case 'n' -> "SET NULL";
            case 'd' -> "SET DEFAULT";
            case 'r' -> "RESTRICT";
            default -> "NO ACTION";
        };
    }

    private static String idents(List<String> cols) {
        return cols.stream().map(Sql::ident).collect(Collectors.joining(", "));
    }
}
