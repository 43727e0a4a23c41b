package dev.pgpart.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.pgpart.spec.SpecLoader;
import dev.pgpart.test.Db;
import dev.pgpart.test.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * pgpart borrows connections from the application's pool: every connection goes back with the
 * application's session settings, whatever pgpart did and however it ended.
 */
@Timeout(120)
class PooledConnectionsIT {
    private static final String APP_SETTINGS = "SET TimeZone = 'Europe/Paris'; SET DateStyle = 'ISO, DMY';"
            + " SET IntervalStyle = 'iso_8601'; SET application_name = 'shop'; SET lock_timeout = '7s';"
            + " SET statement_timeout = '45s'";
    private static final Map<String, String> EXPECTED = Map.of("TimeZone", "Europe/Paris", "DateStyle", "ISO, DMY",
            "IntervalStyle", "iso_8601", "application_name", "shop", "lock_timeout", "7s", "statement_timeout", "45s");

    private static HikariDataSource pool(Db db, int size) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(TestPostgres.jdbcUrl(db.queryStrings("SELECT current_database()").get(0)));
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(size);
        config.setConnectionInitSql(APP_SETTINGS);
        return new HikariDataSource(config);
    }

    private static Pgpart pgpart(HikariDataSource pool) {
        return Pgpart.builder(pool).spec(SpecLoader.parse(PgpartIT.ISSUE_CONFIG, "pgpart.yml"))
                .clock(Clock.fixed(PgpartIT.NOW, ZoneOffset.UTC)).build();
    }

    /** The settings of every connection in the pool, borrowed all at once so none is missed. */
    private static List<Map<String, String>> settingsOfEveryConnection(HikariDataSource pool) throws SQLException {
        List<Connection> borrowed = new ArrayList<>();
        List<Map<String, String>> out = new ArrayList<>();
        try {
            for (int i = 0; i < pool.getMaximumPoolSize(); i++) {
                Connection c = pool.getConnection();
                borrowed.add(c);
                Map<String, String> values = new LinkedHashMap<>();
                try (Statement s = c.createStatement()) {
                    for (String name : EXPECTED.keySet()) {
                        try (ResultSet rs = s.executeQuery("SELECT current_setting('" + name + "')")) {
                            rs.next();
                            values.put(name, rs.getString(1));
                        }
                    }
                }
                assertThat(c.getAutoCommit()).isTrue();
                out.add(values);
            }
        } finally {
            for (Connection c : borrowed) {
                c.close();
            }
        }
        return out;
    }

    @Test
    void everyCallHandsItsConnectionBackWithTheApplicationsSettings() throws Exception {
        Db db = Db.create("pooled");
        PgpartIT.createIssueTables(db);
        try (HikariDataSource pool = pool(db, 1)) {
            Pgpart pgpart = pgpart(pool);

            pgpart.validate();
            pgpart.plan();
            MaintainResult r = pgpart.maintain(MaintainOptions.defaults());
            pgpart.status(java.util.Optional.empty());
            pgpart.check();

            assertThat(r.hasFailures()).isFalse();
            assertThat(settingsOfEveryConnection(pool)).containsOnly(EXPECTED);
        }
    }

    @Test
    void aCallThatFailsAlsoHandsItsConnectionBackWithTheApplicationsSettings() throws Exception {
        Db db = Db.create("pooled_fail");
        try (HikariDataSource pool = pool(db, 1)) {
            Pgpart pgpart = pgpart(pool);

            assertThatThrownBy(() -> pgpart.maintain(MaintainOptions.defaults())).hasMessageContaining("does not exist");

            assertThat(settingsOfEveryConnection(pool)).containsOnly(EXPECTED);
        }
    }

    @Test
    void aWorkerThatFailsCostsNoResultsAndTheRunReturnsOnlyWhenEveryWorkerHasStopped() throws Exception {
        Db db = Db.create("jobs_fail");
        PgpartIT.createIssueTables(db);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(TestPostgres.jdbcUrl(db.queryStrings("SELECT current_database()").get(0)));
        // one connection for the run (advisory lock), one for a worker: the other worker times out
        config.setMaximumPoolSize(2);
        config.setConnectionTimeout(250);
        try (HikariDataSource pool = new HikariDataSource(config);
             Connection blocker = db.dataSource().getConnection(); Statement s = blocker.createStatement()) {
            // keeps the worker that got a connection busy for lock_timeout (2s), long after the other gave up
            blocker.setAutoCommit(false);
            s.execute("LOCK TABLE customers IN SHARE MODE");
            Pgpart pgpart = pgpart(pool);

            MaintainResult r = pgpart.maintain(MaintainOptions.defaults().withJobs(2).withRetries(1, java.time.Duration.ZERO));

            blocker.rollback();
            assertThat(r.results()).hasSize(r.plan().actions().size());
            assertThat(r.results()).filteredOn(x -> !x.action().parent().name().equals("customers"))
                    .isNotEmpty().allSatisfy(x -> assertThat(x.outcome()).as(x.detail()).isEqualTo(dev.pgpart.api.Outcome.APPLIED));
            assertThat(r.results()).filteredOn(x -> x.action().parent().name().equals("customers"))
                    .isNotEmpty().allSatisfy(x -> assertThat(x.detail()).contains("lock_timeout"));
            assertThat(db.queryLong("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'pgpart'"
                    + " AND state = 'active'")).isZero();
        }
    }

    @Test
    void parallelWorkersHandTheirConnectionsBackWithTheApplicationsSettings() throws Exception {
        Db db = Db.create("pooled_jobs");
        PgpartIT.createIssueTables(db);
        try (HikariDataSource pool = pool(db, 4)) {
            MaintainResult r = pgpart(pool).maintain(MaintainOptions.defaults().withJobs(3));

            assertThat(r.hasFailures()).isFalse();
            assertThat(settingsOfEveryConnection(pool)).hasSize(4).containsOnly(EXPECTED);
        }
    }
}
