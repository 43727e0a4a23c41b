package dev.pgpart.convert.copy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpart.archive.SideSessions;
import dev.pgpart.internal.exec.Session;
import dev.pgpart.spec.Interval;
import dev.pgpart.spec.RangePolicy;
import dev.pgpart.spec.TableSpec;
import dev.pgpart.sql.QualifiedName;
import dev.pgpart.state.JobContext;
import dev.pgpart.state.JobPhase;
import dev.pgpart.state.StateSchema;
import dev.pgpart.test.Db;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** Tables of the shape the writer knows, the conversion of them, and the comparison with the control. */
final class CopyFixture {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-15T12:00:00Z"), ZoneOffset.UTC);
    static final Duration LOCK_TIMEOUT = Duration.ofSeconds(2);

    private CopyFixture() {
    }

    /** {@code pk} is the key columns' DDL and constraint, e.g. {@code id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,}. */
    static void create(Db db, QualifiedName t, String pkColumns, String pkConstraint, int rows) {
        db.exec("CREATE TABLE " + t.sql() + " (" + pkColumns + " n bigint NOT NULL, created_at timestamptz NOT NULL,"
                        + " amount int NOT NULL, note text" + pkConstraint + ")",
                "CREATE INDEX ON " + t.sql() + " (n)",
                "INSERT INTO " + t.sql() + " (n, created_at, amount, note) SELECT g, timestamptz '2026-01-01 00:00+00'"
                        + " + (g % 320) * interval '1 day' + g * interval '1 second', g % 1000, 'row ' || g"
                        + " FROM generate_series(0, " + (rows - 1) + ") g",
                "ANALYZE " + t.sql());
    }

    static QualifiedName control(Db db, QualifiedName t) {
        QualifiedName c = t.sibling("control");
        db.exec("CREATE TABLE " + c.sql() + " (LIKE " + t.sql() + ")", "INSERT INTO " + c.sql() + " SELECT * FROM " + t.sql());
        return c;
    }

    static TableSpec monthly(QualifiedName t) {
        return new TableSpec(t, new RangePolicy(new Interval.Calendar(1, Interval.Unit.MONTH), 2, Optional.empty(),
                Optional.empty(), RangePolicy.OnExpiry.DETACH, ZoneOffset.UTC, dev.pgpart.spec.IdEncoding.NONE),
                true, LOCK_TIMEOUT, Optional.empty(), Optional.empty(), false);
    }

    static CopyConversion conversion(QualifiedName t, int batch, BackfillPhase.BatchHook hook) {
        return new CopyConversion(StateSchema.defaults(), new CopySettings(t, "created_at", monthly(t), batch,
                OptionalLong.empty(), LOCK_TIMEOUT, CLOCK), SideSessions.NONE, hook);
    }

    /** Backfilled by {@code workers} sessions of {@code db}'s data source. */
    static CopyConversion conversion(Db db, QualifiedName t, int batch, int workers, BackfillPhase.BatchHook hook) {
        return new CopyConversion(StateSchema.defaults(), new CopySettings(t, "created_at", monthly(t), batch,
                OptionalLong.empty(), LOCK_TIMEOUT, CLOCK, workers), sides(db), hook);
    }

    /** Sessions of {@code db} prepared as the API prepares them; closing one closes the connection. */
    static SideSessions sides(Db db) {
        return () -> {
            try {
                Connection c = connect(db);
                return Optional.of(new SideSessions.Side() {
                    @Override
                    public Connection connection() {
                        return c;
                    }

                    @Override
                    public void close() {
                        try {
                            c.close();
                        } catch (SQLException e) {
                            throw new IllegalStateException("could not close a worker session: " + e.getMessage(), e);
                        }
                    }
                });
            } catch (SQLException e) {
                throw new IllegalStateException("no worker session: " + e.getMessage(), e);
            }
        };
    }

    static Connection connect(Db db) throws SQLException {
        Connection c = db.dataSource().getConnection();
        Session.configure(c);
        return c;
    }

    /** Rows of {@code a} not in {@code b} and the other way round, with duplicates. */
    static void assertSameRows(Db db, QualifiedName a, QualifiedName b) {
        long diff = db.queryLong("SELECT count(*) FROM ((TABLE " + a.sql() + " EXCEPT ALL TABLE " + b.sql() + ") UNION ALL"
                + " (TABLE " + b.sql() + " EXCEPT ALL TABLE " + a.sql() + ")) d");
        assertThat(diff).as("rows differing between " + a + " and " + b).isZero();
        assertThat(db.queryLong("SELECT count(*) FROM " + a.sql())).isEqualTo(db.queryLong("SELECT count(*) FROM " + b.sql()));
    }

    /** Each phase with writes committed just before and just after it. */
    static List<JobPhase> interleaved(List<JobPhase> phases, Writer w) {
        return phases.stream().<JobPhase>map(p -> new JobPhase() {
            @Override
            public String name() {
                return p.name();
            }

            @Override
            public void run(JobContext ctx) throws SQLException {
                w.await(10);
                p.run(ctx);
                w.await(10);
            }
        }).toList();
    }

    /** The phase, then a step that sleeps so the test can kill the runner at the boundary. */
    static JobPhase sleepingAfter(JobPhase p) {
        return new JobPhase() {
            @Override
            public String name() {
                return p.name();
            }

            @Override
            public void run(JobContext ctx) throws SQLException {
                p.run(ctx);
                ctx.step(c -> {
                    sleep(c);
                    return JobContext.Progress.of(0);
                });
            }
        };
    }

    static void sleep(Connection c) throws SQLException {
        try (var s = c.createStatement()) {
            s.execute("SELECT pg_sleep(30)");
        }
    }

    /** The backend of the runner once it sits in pg_sleep. */
    static long awaitSleepingBackend(Db db) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            List<String> pids = db.queryStrings("SELECT pid FROM pg_stat_activity WHERE datname = current_database()"
                    + " AND query = 'SELECT pg_sleep(30)' AND state = 'active'");
            if (!pids.isEmpty()) {
                return Long.parseLong(pids.get(0));
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the runner never reached its sleeping step");
    }
}
