package dev.pgpart.archive;

import dev.pgpart.sql.QualifiedName;
import dev.pgpart.sql.Sql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A second session that holds SHARE on the detached table from before the export's snapshot until
 * the drop, and has PostgreSQL compute the table's checksum in that snapshot while the export
 * runs. Because nobody can write to the table while the lock is held, the table the drop removes
 * is the one that was checksummed, so the drop does not scan it again. The lock lives as long as
 * this session's transaction: a run that stops (or loses this session) before the drop leaves
 * nothing held, and the drop then compares the table again the slow way, under ACCESS EXCLUSIVE.
 */
final class TableGuard implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TableGuard.class);

    private final SideSessions.Side side;
    private final QualifiedName table;
    private final String snapshot;
    private final CompletableFuture<RowChecksum.Value> checksum;
    private final RowHash hash;

    private TableGuard(SideSessions.Side side, QualifiedName table, String snapshot, List<ColumnDef> columns, RowHash hash) {
        this.side = side;
        this.table = table;
        this.snapshot = snapshot;
        this.hash = hash;
        this.checksum = CompletableFuture.supplyAsync(() -> compute(columns, hash), r -> {
            Thread t = new Thread(r, "pgpart-archive-checksum " + table);
            t.setDaemon(true);
            t.start();
        });
    }

    /**
     * Locks {@code table} on a second session and starts its checksum there; empty when there is no
     * second session (the caller then checksums the export itself and compares the table at the drop).
     */
    static Optional<TableGuard> open(SideSessions sessions, Connection main, QualifiedName table, RowHash hash,
                                     Duration lockTimeout) throws SQLException {
        Optional<SideSessions.Side> side = sessions.open();
        if (side.isEmpty()) {
            return Optional.empty();
        }
        Connection b = side.get().connection();
        try {
            if (backendPid(b) == backendPid(main)) {
                side.get().close(); // the same session under another handle: it cannot hold a lock beside the job
                return Optional.empty();
            }
            b.setAutoCommit(false);
            try (Statement s = b.createStatement()) {
                // READ COMMITTED, so the drop can record itself in the archive table that the job
                // updated meanwhile. Every snapshot taken after the SHARE lock is granted sees the
                // same rows (writers finish before it is granted, and none start while it is held):
                // the one exported to the COPY, and the checksum's.
                s.execute("SET TRANSACTION ISOLATION LEVEL READ COMMITTED");
                s.execute("SET LOCAL lock_timeout = " + Sql.millis(lockTimeout));
                s.execute("LOCK TABLE " + table.sql() + " IN SHARE MODE");
            }
            String snapshot = one(b, "SELECT pg_export_snapshot()");
            return Optional.of(new TableGuard(side.get(), table, snapshot, TableColumns.read(b, table), hash));
        } catch (SQLException | RuntimeException e) {
            closeAfter(side.get(), e);
            throw e;
        }
    }

    /** The snapshot the export imports, so it reads exactly what the checksum reads. */
    String snapshot() {
        return snapshot;
    }

    /** PostgreSQL's checksum of the table; waits for it. */
    RowChecksum.Value checksum() throws SQLException {
        try {
            return checksum.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting for the checksum of " + table, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SqlFailure f) {
                throw f.sql;
            }
            throw new SQLException("the checksum of " + table + " failed: " + e.getCause(), e.getCause());
        }
    }

    private RowChecksum.Value compute(List<ColumnDef> columns, RowHash hash) {
        try {
            return ChecksumSql.compute(side.connection(), table, columns, hash);
        } catch (SQLException e) {
            throw new SqlFailure(e);
        }
    }

    /**
     * Drops the table on this session, in the transaction that has held SHARE on it since the
     * checksum's snapshot, and records the drop in the same transaction.
     *
     * @return false when this session can no longer do it (it was lost, or the lock could not be
     *         upgraded): nothing was dropped, and the caller compares the table again the slow way
     * @throws ArchiveMismatch when the archive's manifest does not carry this table's checksum
     */
    boolean drop(Manifest m, ArchiveLog log) {
        Connection b = side.connection();
        try {
            RowChecksum.Value value = checksum();
            if (!value.equals(m.checksum()) || hash != m.hash()) {
                throw Verifier.mismatch(table, List.of("the table " + table + " has " + value + ", the archive "
                        + m.checksum()), table + " is kept, detached; nothing was dropped");
            }
            try (Statement s = b.createStatement()) {
                s.execute("LOCK TABLE " + table.sql() + " IN ACCESS EXCLUSIVE MODE");
                if (TableState.of(b, table) != TableState.DETACHED) {
                    return false; // cannot be, under the lock held; the slow way says what it is
                }
                s.execute("DROP TABLE " + table.sql());
            }
            log.state(b, table, ArchiveEntry.State.DROPPED);
            b.commit();
            return true;
        } catch (SQLException e) {
            LOG.info("{}: the drop on the session that held the table since its checksum did not happen ({});"
                    + " comparing the table again before dropping it", table, e.getMessage());
            return false;
        }
    }

    /** Ends the transaction (releasing the lock, if nothing was dropped) and gives the session back. */
    @Override
    public void close() {
        try {
            if (!checksum.isDone()) {
                side.connection().unwrap(org.postgresql.PGConnection.class).cancelQuery(); // the export failed: stop the scan
                checksum.handle((v, e) -> v).join();
            }
            if (!side.connection().isClosed() && !side.connection().getAutoCommit()) {
                side.connection().rollback();
                side.connection().setAutoCommit(true);
            }
        } catch (SQLException e) {
            LOG.warn("{}: could not end the transaction that held the table ({}); closing its session", table, e.getMessage());
        } finally {
            side.close();
        }
    }

    private static void closeAfter(SideSessions.Side side, Exception primary) {
        try {
            side.connection().rollback();
        } catch (SQLException e) {
            primary.addSuppressed(e);
        } finally {
            side.close();
        }
    }

    private static int backendPid(Connection c) throws SQLException {
        return Integer.parseInt(one(c, "SELECT pg_backend_pid()::text"));
    }

    private static String one(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** Carries a checked SQLException out of the checksum's thread. */
    private static final class SqlFailure extends RuntimeException {
        private final SQLException sql;

        SqlFailure(SQLException sql) {
            super(sql.getMessage(), sql);
            this.sql = sql;
        }
    }
}
