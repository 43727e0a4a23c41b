package dev.pgpart.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgpart.internal.exec.Session;
import dev.pgpart.plan.ArchivePartition;
import dev.pgpart.sql.QualifiedName;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * An archive job with a second session: PostgreSQL checksums the table beside the export, and
 * that session holds the table unchanged until the drop, so the drop does not scan it again.
 */
@Timeout(180)
class ArchiveGuardIT {
    static final QualifiedName JANUARY = QualifiedName.of("public", "events_p20260101");

    @TempDir
    Path dir;

    @Test
    void nobodyCanWriteToTheDetachedTableBetweenItsExportAndItsDrop() throws SQLException {
        ArchiveFixture f = ArchiveFixture.create("arch_guard_write", dir);
        f.keepCopy("events_p20260101", "expected_jan");
        ArchivePartition action = f.action(JANUARY);
        List<String> writes = new ArrayList<>();
        try (Connection c = f.db.dataSource().getConnection()) {
            Session.configure(c);
            f.job(action, ArchiveProgress.NONE).withSideSessions(f.sides()).afterEachPhase(p -> {
                if (p.equals("export") || p.equals("verify")) {
                    writes.add(p + ": " + tryInsert(f));
                }
            }).run(c, action);
        }
        assertThat(writes).containsExactly("export: 55P03", "verify: 55P03");
        assertThat(f.db.queryStrings("SELECT state FROM pgpart.archive WHERE partition = 'public.events_p20260101'"))
                .containsExactly("dropped");
        f.pgpart(ArchiveFixture.NOW).archives().restore(JANUARY, Optional.empty(), false, java.time.Duration.ofSeconds(5));
        assertThat(f.difference("events_p20260101", "expected_jan")).isZero();
    }

    @Test
    void theManifestCarriesPostgresqlsChecksumOfTheTable() throws SQLException {
        ArchiveFixture f = ArchiveFixture.create("arch_guard_sum", dir);
        String expected = tableChecksum(f);
        ArchivePartition action = f.action(JANUARY);
        try (Connection c = f.db.dataSource().getConnection()) {
            Session.configure(c);
            f.job(action, ArchiveProgress.NONE).withSideSessions(f.sides()).run(c, action);
        }
        assertThat(f.db.queryStrings("SELECT (manifest::jsonb)->'checksum'->>'value' FROM pgpart.archive"
                + " WHERE partition = 'public.events_p20260101'")).containsExactly(expected);
    }

    @Test
    void aSecondHandleOnTheJobsOwnSessionIsNotTakenForASecondSession() throws SQLException {
        ArchiveFixture f = ArchiveFixture.create("arch_guard_same", dir);
        ArchivePartition action = f.action(JANUARY);
        try (Connection c = f.db.dataSource().getConnection()) {
            Session.configure(c);
            SideSessions same = () -> Optional.of(new SideSessions.Side() {
                @Override
                public Connection connection() {
                    return c;
                }

                @Override
                public void close() {
                    // the job's own connection: not ours to close
                }
            });
            f.job(action, ArchiveProgress.NONE).withSideSessions(same).run(c, action);
        }
        assertThat(f.db.queryStrings("SELECT state FROM pgpart.archive WHERE partition = 'public.events_p20260101'"))
                .containsExactly("dropped");
    }

    @Test
    void aGuardedExportThatFailsLeavesTheTableUnlocked() throws SQLException {
        ArchiveFixture f = ArchiveFixture.create("arch_guard_fail", dir);
        ArchivePartition action = f.action(JANUARY);
        try (Connection c = f.db.dataSource().getConnection()) {
            Session.configure(c);
            ArchiveJob job = f.job(action, ArchiveProgress.NONE).withSideSessions(f.sides()).afterEachPhase(p -> {
                if (p.equals("export")) {
                    throw new IllegalStateException("stopped after " + p);
                }
            });
            assertThatThrownBy(() -> job.run(c, action)).hasMessageContaining("stopped after export");
        }
        assertThat(tryInsert(f)).isEqualTo("inserted");
    }

    @Test
    void eachRowHashComputedFromCopysCsvEqualsPostgresqlsChecksumOfTheTable() throws Exception {
        ArchiveFixture f = ArchiveFixture.create("arch_hashes", dir);
        try (Connection c = f.db.dataSource().getConnection()) {
            Session.configure(c);
            List<ColumnDef> columns = TableColumns.read(c, JANUARY);
            java.io.ByteArrayOutputStream csv = new java.io.ByteArrayOutputStream();
            c.unwrap(org.postgresql.PGConnection.class).getCopyAPI().copyOut("COPY " + JANUARY.sql() + " ("
                    + TableColumns.copyList(columns) + ") TO STDOUT WITH (FORMAT csv)", csv);
            for (RowHash hash : RowHash.values()) {
                RowChecksum java = new RowChecksum(hash);
                java.update(csv.toByteArray(), 0, csv.size());
                assertThat(java.value()).as(hash.key()).isEqualTo(ChecksumSql.compute(c, JANUARY, columns, hash));
            }
        }
    }

    /** On a session set up as pgpart's (TimeZone UTC...), as the rows' text depends on it. */
    private static String tableChecksum(ArchiveFixture f) throws SQLException {
        try (Connection c = f.db.dataSource().getConnection()) {
            Session.configure(c);
            return ChecksumSql.compute(c, JANUARY, TableColumns.read(c, JANUARY), RowHash.HASHTEXT_V2).sum();
        }
    }

    /** An INSERT into the detached table on another session, waiting 200 ms at most for its lock. */
    private static String tryInsert(ArchiveFixture f) {
        try (Connection c = f.db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("SET lock_timeout = 200");
            s.execute("INSERT INTO events_p20260101 (id, at, note) VALUES (-1, '2026-01-02', 'written during the archive')");
            return "inserted";
        } catch (SQLException e) {
            return e.getSQLState();
        }
    }
}
