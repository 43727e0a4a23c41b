package dev.pgpart.archive;

import dev.pgpart.ErrorCode;
import dev.pgpart.PgpartException;
import dev.pgpart.api.Bound;
import dev.pgpart.internal.catalog.BoundParser;
import dev.pgpart.plan.BoundText;
import dev.pgpart.sql.QualifiedName;
import dev.pgpart.sql.Sql;
import java.io.IOException;
import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.postgresql.PGConnection;

/**
 * Recreates an archived partition: CREATE TABLE from the manifest's columns (each type rendered
 * again by PostgreSQL from its name and typmod, never pasted from the file), COPY every part back
 * (checking its SHA-256 on the way), PostgreSQL's checksum of the result against the manifest, and
 * optionally ATTACH to the parent; all in one transaction, so a failure leaves nothing behind.
 */
final class Restorer {
    private final ArchiveStore store;
    private final Duration lockTimeout;
    private final ArchiveProgress progress;

    Restorer(ArchiveStore store, Duration lockTimeout, ArchiveProgress progress) {
        this.store = store;
        this.lockTimeout = lockTimeout;
        this.progress = progress;
    }

    record Restored(QualifiedName table, long rows, boolean attached) {
    }

    Restored restore(Connection c, Manifest m, QualifiedName into, boolean attach) throws SQLException, IOException {
        c.setAutoCommit(false);
        try {
            try (Statement s = c.createStatement()) {
                s.execute("SET LOCAL lock_timeout = " + Sql.millis(lockTimeout));
            }
            if (exists(c, into)) {
                throw new PgpartException(ErrorCode.UNSAFE, "cannot restore " + m.partition() + " into " + into
                        + ": a relation of that name exists. Nothing was changed; pass --into another_name");
            }
            try (Statement s = c.createStatement()) {
                s.execute(createTable(c, m, into));
            }
            long rows = copyIn(c, m, into);
            RowChecksum.Value v = ChecksumSql.compute(c, into, m.columns(), m.hash());
            if (!v.equals(m.checksum())) {
                throw new PgpartException(ErrorCode.UNSAFE, "the restored rows of " + m.partition() + " (" + v
                        + ") do not match the archive's checksum (" + m.checksum() + "); the restore was rolled back");
            }
            createIndexes(c, m, into);
            if (attach) {
                attach(c, m, into);
            }
            c.commit();
            return new Restored(into, rows, attach);
        } catch (SQLException | IOException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    /**
     * After the COPY (one sort each instead of index maintenance per row), and before an attach,
     * which then adopts them as the partitions of the parent's matching indexes. Restored under
     * its own name, the table gets the indexes' names back; under another, PostgreSQL names them.
     */
    private static void createIndexes(Connection c, Manifest m, QualifiedName into) throws SQLException {
        boolean sameName = into.equals(m.partition());
        try (Statement s = c.createStatement()) {
            for (IndexDef ix : m.indexes()) {
                s.execute(ix.create(into, sameName));
            }
        }
    }

    private static boolean exists(Connection c, QualifiedName t) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            ps.setString(1, t.sql());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private static String createTable(Connection c, Manifest m, QualifiedName into) throws SQLException {
        List<String> defs = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT format_type(to_regtype(?), ?)")) {
            for (ColumnDef col : m.columns()) {
                ps.setString(1, col.type());
                ps.setInt(2, col.typmod());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    String type = Optional.ofNullable(rs.getString(1)).orElseThrow(() -> new PgpartException(ErrorCode.UNSAFE,
                            "column " + col.name() + " of the archive has type " + col.type() + ", which this database does"
                                    + " not have; create it first. Nothing was changed"));
                    if (!type.equals(col.type())) {
                        throw new PgpartException(ErrorCode.UNSAFE, "column " + col.name() + " of the archive has type "
                                + col.type() + ", which this database renders as " + type + "; nothing was changed");
                    }
                    defs.add(col.definition(type));
                }
            }
        }
        return "CREATE TABLE " + into.sql() + " (" + String.join(", ", defs) + ")";
    }

    private long copyIn(Connection c, Manifest m, QualifiedName into) throws SQLException, IOException {
        String sql = "COPY " + into.sql() + " (" + TableColumns.copyList(m.columns()) + ") FROM STDIN WITH (FORMAT csv)";
        ArchiveProgress.Throttled t = ArchiveProgress.throttled(progress, m.partition(), "restore");
        long rows = 0;
        long bytes = 0;
        for (PartInfo p : m.parts()) {
            MessageDigest sha = DigestCounter.newSha256();
            try (InputStream raw = new DigestInputStream(store.open(p.key()), sha);
                 InputStream in = Codec.decompress(m.compression(), raw)) {
                rows += c.unwrap(PGConnection.class).getCopyAPI().copyIn(sql, in, 1 << 16);
                raw.transferTo(java.io.OutputStream.nullOutputStream());
            }
            String hex = HexFormat.of().formatHex(sha.digest());
            if (!hex.equals(p.sha256())) {
                throw new PgpartException(ErrorCode.UNSAFE, "part " + store.uri(p.key()) + " differs: its sha256 is " + hex
                        + ", the manifest says " + p.sha256() + "; the restore was rolled back");
            }
            bytes += p.bytes();
            t.at(bytes, rows);
        }
        t.done(bytes, rows);
        return rows;
    }

    /** ATTACH when the range is free; PostgreSQL refuses an overlap (42P17) and rows of it in the default (23514). */
    private static void attach(Connection c, Manifest m, QualifiedName into) throws SQLException {
        Bound bound = BoundParser.parse(m.bound());
        if (bound instanceof Bound.Unparsed) {
            throw new PgpartException(ErrorCode.UNSAFE, "the archive's bound '" + m.bound() + "' cannot be attached by pgpart;"
                    + " the restore was rolled back: restore without --attach and attach it by hand");
        }
        try (Statement s = c.createStatement()) {
            s.execute("ALTER TABLE " + m.parent().sql() + " ATTACH PARTITION " + into.sql() + " " + BoundText.of(bound));
        } catch (SQLException e) {
            String why = switch (String.valueOf(e.getSQLState())) {
                case "42P17" -> "the range is taken by another partition of " + m.parent();
                case "23514" -> "the default partition of " + m.parent() + " holds rows of that range";
                case "55P03" -> "a lock on " + m.parent() + " was not granted within lock_timeout";
                default -> e.getMessage();
            };
            throw new PgpartException(ErrorCode.UNSAFE, "cannot attach " + into + " to " + m.parent() + " "
                    + BoundText.of(bound) + ": " + why + ". The restore was rolled back; restore without --attach, or"
                    + " free the range first", e);
        }
    }

    static String columnsText(List<ColumnDef> cols) {
        return cols.stream().map(ColumnDef::name).collect(Collectors.joining(", "));
    }
}
