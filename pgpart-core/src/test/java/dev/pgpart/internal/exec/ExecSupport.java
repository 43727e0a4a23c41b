package dev.pgpart.internal.exec;

import dev.pgpart.api.MaintainOptions;
import dev.pgpart.api.MaintainResult;
import dev.pgpart.api.MaintenanceListener;
import dev.pgpart.api.Outcome;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpart.internal.catalog.Catalog;
import dev.pgpart.internal.catalog.TableInfo;
import dev.pgpart.plan.Action;
import dev.pgpart.plan.Plan;
import dev.pgpart.plan.TablePlan;
import dev.pgpart.test.Db;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

/** Running the executor against a test database, and looking at what it did. */
final class ExecSupport {
    private ExecSupport() {
    }

    static final MaintainOptions YES = MaintainOptions.defaults().withConsent(true).withRetries(2, Duration.ofMillis(50));

    static Connection connect(Db db) {
        try {
            Connection c = db.dataSource().getConnection();
            Session.configure(c);
            return c;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static MaintainResult run(Db db, TableInfo table, MaintainOptions options, Duration lockTimeout, Action... actions) {
        Plan plan = new Plan(Instant.parse("2027-01-01T00:00:00Z"), List.of(new TablePlan(table.name(), List.of(actions), List.of())));
        Catalog catalog = new Catalog(180000, Map.of(table.name(), table), Set.of());
        try (Connection c = connect(db)) {
            MaintainResult r = new Executor().execute(c, plan, catalog, options, Map.of(table.name(), lockTimeout),
                    MaintenanceListener.NONE);
            assertThat(c.getAutoCommit()).as("connection handed back in autocommit").isTrue();
            return r;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static MaintainResult run(Db db, TableInfo table, Action... actions) {
        return run(db, table, YES, Duration.ofSeconds(2), actions);
    }

    static void assertAllApplied(MaintainResult r) {
        assertThat(r.results()).allSatisfy(x -> assertThat(x.outcome()).as(x.detail()).isEqualTo(Outcome.APPLIED));
    }

    /** A one-row, one-column query with bind parameters, on a UTC session. */
    static String query(Db db, String sql, Object... params) {
        try (Connection c = connect(db); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** The FOR VALUES clause of a relation given as schema and name. */
    static String bound(Db db, String schema, String name) {
        return query(db, "SELECT pg_get_expr(c.relpartbound, c.oid) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE n.nspname = ? AND c.relname = ?", schema, name);
    }

    static String comment(Db db, String schema, String name) {
        return query(db, "SELECT obj_description(c.oid, 'pg_class') FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE n.nspname = ? AND c.relname = ?", schema, name);
    }

    static boolean exists(Db db, String schema, String name) {
        return "1".equals(query(db, "SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE n.nspname = ? AND c.relname = ?", schema, name));
    }

    static int pid(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    static void await(BooleanSupplier condition, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not reached within " + max);
            }
            Thread.sleep(20);
        }
    }

    static boolean waitingOnLock(Db db, int pid) {
        return "1".equals(query(db, "SELECT 1 FROM pg_locks WHERE pid = ? AND NOT granted LIMIT 1", pid));
    }

    /**
     * Leaves {@code child} half-detached: a reader keeps the parent busy, a concurrent detach
     * starts, commits its first step and waits; then it is cancelled.
     */
    static void interruptConcurrentDetach(Db db, String parentSql, String childSql) throws Exception {
        try (Connection reader = connect(db); Connection detacher = connect(db)) {
            reader.setAutoCommit(false);
            try (Statement s = reader.createStatement()) {
                s.executeQuery("SELECT count(*) FROM " + parentSql).close();
            }
            int pid = pid(detacher);
            CompletableFuture<Void> detach = CompletableFuture.runAsync(() -> {
                try (Statement s = detacher.createStatement()) {
                    s.execute("ALTER TABLE " + parentSql + " DETACH PARTITION " + childSql + " CONCURRENTLY");
                } catch (SQLException e) {
                    if (!"57014".equals(e.getSQLState())) {
                        throw new IllegalStateException(e);
                    }
                }
            });
            await(() -> waitingOnLock(db, pid), Duration.ofSeconds(10));
            query(db, "SELECT pg_cancel_backend(?)::text", pid);
            detach.get();
            reader.commit();
        }
    }
}
