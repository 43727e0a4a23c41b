package dev.pgpart.guard.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgpart.guard.jdbc.GuardListener.Action;
import dev.pgpart.sql.QualifiedName;
import dev.pgpart.test.Db;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The guard on a real PostgreSQL: range, list, hash, two-level and expression-keyed tables. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PartitionKeyGuardIT {
    private static Db db;

    record Heard(String sql, Verdict verdict, Action action) {
    }

    @BeforeAll
    static void schema() {
        db = Db.create("guardjdbc");
        db.exec("CREATE TABLE events (id bigint NOT NULL, day date NOT NULL, kind text) PARTITION BY RANGE (day)",
                "CREATE TABLE events_2026_01 PARTITION OF events FOR VALUES FROM ('2026-01-01') TO ('2026-02-01')",
                "CREATE TABLE events_2026_02 PARTITION OF events FOR VALUES FROM ('2026-02-01') TO ('2026-03-01')",
                "CREATE TABLE events_2026_03 PARTITION OF events FOR VALUES FROM ('2026-03-01') TO ('2026-04-01')",
                "INSERT INTO events VALUES (1, '2026-01-05', 'click'), (2, '2026-02-05', 'view'), (3, '2026-03-05', 'click')",
                "CREATE TABLE days (day date PRIMARY KEY, holiday boolean NOT NULL)",
                "INSERT INTO days VALUES ('2026-02-05', true), ('2026-03-05', false)",
                "CREATE TABLE regions (id int, region text NOT NULL, v int) PARTITION BY LIST (region)",
                "CREATE TABLE regions_eu PARTITION OF regions FOR VALUES IN ('eu')",
                "CREATE TABLE regions_us PARTITION OF regions FOR VALUES IN ('us')",
                "INSERT INTO regions VALUES (1, 'eu', 10), (2, 'us', 20)",
                "CREATE TABLE accounts (tenant int NOT NULL, id int NOT NULL, name text) PARTITION BY HASH (tenant, id)",
                "CREATE TABLE accounts_0 PARTITION OF accounts FOR VALUES WITH (MODULUS 2, REMAINDER 0)",
                "CREATE TABLE accounts_1 PARTITION OF accounts FOR VALUES WITH (MODULUS 2, REMAINDER 1)",
                "INSERT INTO accounts VALUES (1, 1, 'a'), (1, 2, 'b'), (2, 1, 'c')",
                "CREATE TABLE metrics (day date NOT NULL, region text NOT NULL, v int) PARTITION BY RANGE (day)",
                "CREATE TABLE metrics_2026_01 PARTITION OF metrics FOR VALUES FROM ('2026-01-01') TO ('2026-02-01') PARTITION BY LIST (region)",
                "CREATE TABLE metrics_2026_01_eu PARTITION OF metrics_2026_01 FOR VALUES IN ('eu')",
                "CREATE TABLE metrics_2026_01_us PARTITION OF metrics_2026_01 FOR VALUES IN ('us')",
                "INSERT INTO metrics VALUES ('2026-01-02', 'eu', 1), ('2026-01-03', 'us', 2)",
                "CREATE TABLE readings (t timestamp NOT NULL, v int) PARTITION BY RANGE ((date_trunc('month', t)))",
                "CREATE TABLE readings_2026_01 PARTITION OF readings FOR VALUES FROM ('2026-01-01') TO ('2026-02-01')",
                "CREATE TABLE readings_2026_02 PARTITION OF readings FOR VALUES FROM ('2026-02-01') TO ('2026-03-01')",
                "INSERT INTO readings VALUES ('2026-01-10', 1), ('2026-02-10', 2)");
    }

    private static PartitionKeyGuard guard(GuardMode mode, List<Heard> heard) {
        return PartitionKeyGuard.start(db.dataSource(), GuardOptions.DEFAULT.withMode(mode)
                .withListener((sql, v, a) -> heard.add(new Heard(sql, v, a))));
    }

    private static List<Long> ids(DataSource ds, String sql, Object... values) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                ps.setObject(i + 1, values[i]);
            }
            List<Long> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getLong(1));
                }
            }
            return out;
        }
    }

    private static int update(DataSource ds, String sql, Object... values) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                ps.setObject(i + 1, values[i]);
            }
            return ps.executeUpdate();
        }
    }

    @Test
    void readsEveryPartitionedRootAndItsKeyFromTheCatalog() {
        KeyCatalog catalog = guard(GuardMode.REJECT, new ArrayList<>()).catalog();
        assertThat(catalog.tables()).containsOnlyKeys(QualifiedName.of("public", "events"),
                QualifiedName.of("public", "regions"), QualifiedName.of("public", "accounts"),
                QualifiedName.of("public", "metrics"), QualifiedName.of("public", "readings"));
        assertThat(catalog.tables().get(QualifiedName.of("public", "accounts")))
                .isEqualTo(new KeyedTable(QualifiedName.of("public", "accounts"), "hash", List.of(Optional.of("tenant"), Optional.of("id"))));
        assertThat(catalog.tables().get(QualifiedName.of("public", "readings")).keyParts()).containsExactly(Optional.empty());
        assertThat(catalog.searchPath()).containsExactly("public");
    }

    @Test
    void rejectModeRunsStatementsWithTheKeyByLiteralParameterAliasJoinSubqueryAndCte() throws SQLException {
        DataSource ds = guard(GuardMode.REJECT, new ArrayList<>()).wrap(db.dataSource());
        assertThat(ids(ds, "SELECT id FROM events WHERE day = '2026-01-05'")).containsExactly(1L);
        assertThat(ids(ds, "SELECT id FROM events WHERE day = ?", LocalDate.parse("2026-02-05"))).containsExactly(2L);
        assertThat(ids(ds, "SELECT e.id FROM events e WHERE e.day >= ? AND e.day < ?", LocalDate.parse("2026-03-01"),
                LocalDate.parse("2026-04-01"))).containsExactly(3L);
        assertThat(ids(ds, "SELECT e.id FROM events e JOIN days d ON d.day = e.day WHERE d.holiday")).containsExactly(2L);
        assertThat(ids(ds, "SELECT id FROM events WHERE day IN (SELECT day FROM days WHERE NOT holiday)")).containsExactly(3L);
        assertThat(ids(ds, "WITH e AS (SELECT * FROM events) SELECT id FROM e WHERE day = ?", LocalDate.parse("2026-01-05")))
                .containsExactly(1L);
        assertThat(ids(ds, "SELECT id FROM regions WHERE region = ?", "us")).containsExactly(2L);
        assertThat(ids(ds, "SELECT id FROM accounts WHERE tenant = ? AND id = ?", 1, 2)).containsExactly(2L);
        assertThat(ids(ds, "SELECT v FROM metrics WHERE day = ? AND region = 'eu'", LocalDate.parse("2026-01-02"))).containsExactly(1L);
    }

    @Test
    void rejectModeRefusesAStatementWithoutTheKeyNamingTableKeyAndStatementWithItsOwnSqlState() {
        DataSource ds = guard(GuardMode.REJECT, new ArrayList<>()).wrap(db.dataSource());
        assertThatThrownBy(() -> ids(ds, "SELECT id FROM events WHERE kind = ?", "click"))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("PGP01"))
                .hasMessageContaining("partitioned table public.events (partition key day): no predicate on day")
                .hasMessageContaining("Statement: SELECT id FROM events WHERE kind = ?")
                .hasMessageContaining("The statement did not run");
    }

    @Test
    void rejectModeRefusesListHashAndTwoLevelTablesWithoutTheirTopLevelKey() {
        DataSource ds = guard(GuardMode.REJECT, new ArrayList<>()).wrap(db.dataSource());
        assertThatThrownBy(() -> ids(ds, "SELECT id FROM regions WHERE v = 10"))
                .hasMessageContaining("public.regions (partition key region): no predicate on region");
        assertThatThrownBy(() -> ids(ds, "SELECT id FROM accounts WHERE tenant = ?", 1))
                .hasMessageContaining("public.accounts (partition key (tenant, id)): no predicate on id");
        assertThatThrownBy(() -> ids(ds, "SELECT v FROM metrics WHERE region = 'eu'"))
                .hasMessageContaining("public.metrics (partition key day): no predicate on day");
    }

    @Test
    void aKeyHiddenBehindAFunctionOrACastIsRejected() {
        DataSource ds = guard(GuardMode.REJECT, new ArrayList<>()).wrap(db.dataSource());
        assertThatThrownBy(() -> ids(ds, "SELECT id FROM events WHERE date_trunc('month', day) = ?", LocalDate.parse("2026-01-01")))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("PGP01"));
        assertThatThrownBy(() -> ids(ds, "SELECT id FROM events WHERE day::text = ?", "2026-01-05"))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("PGP01"));
    }

    @Test
    void updateAndDeleteWithTheKeyRunAndWithoutItAreRejectedBeforeTheyChangeAnything() throws SQLException {
        Db own = Db.create("guardwrites");
        own.exec("CREATE TABLE t (id int, day date NOT NULL) PARTITION BY RANGE (day)",
                "CREATE TABLE t_1 PARTITION OF t FOR VALUES FROM ('2026-01-01') TO ('2026-02-01')",
                "CREATE TABLE t_2 PARTITION OF t FOR VALUES FROM ('2026-02-01') TO ('2026-03-01')",
                "INSERT INTO t VALUES (1, '2026-01-05'), (2, '2026-02-05')");
        DataSource ds = PartitionKeyGuard.start(own.dataSource(), GuardOptions.DEFAULT).wrap(own.dataSource());
        assertThat(update(ds, "UPDATE t SET id = 10 WHERE day = ? AND id = 1", LocalDate.parse("2026-01-05"))).isEqualTo(1);
        assertThatThrownBy(() -> update(ds, "DELETE FROM t WHERE id = ?", 2)).hasMessageContaining("public.t (partition key day)");
        assertThatThrownBy(() -> update(ds, "UPDATE t SET id = 0 WHERE id = 2")).hasMessageContaining("public.t (partition key day)");
        assertThat(update(ds, "DELETE FROM t WHERE day = ?", LocalDate.parse("2026-02-05"))).isEqualTo(1);
        assertThat(own.queryStrings("SELECT id || ' ' || day FROM t ORDER BY id")).containsExactly("10 2026-01-05");
    }

    @Test
    void plainStatementsAreCheckedWhenExecuted() throws SQLException {
        DataSource ds = guard(GuardMode.REJECT, new ArrayList<>()).wrap(db.dataSource());
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            assertThat(s.executeQuery("SELECT id FROM events WHERE day = '2026-03-05'").next()).isTrue();
            assertThatThrownBy(() -> s.executeQuery("SELECT id FROM events"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("PGP01"));
        }
    }

    @Test
    void logModeRunsTheStatementAndReportsItOncePerSqlText() throws SQLException {
        List<Heard> heard = new CopyOnWriteArrayList<>();
        DataSource ds = guard(GuardMode.LOG, heard).wrap(db.dataSource());
        assertThat(ids(ds, "SELECT id FROM events WHERE kind = ? ORDER BY id", "click")).containsExactly(1L, 3L);
        assertThat(ids(ds, "SELECT id FROM events WHERE kind = ? ORDER BY id", "view")).containsExactly(2L);
        assertThat(heard).singleElement().satisfies(h -> {
            assertThat(h.action()).isEqualTo(Action.LOGGED);
            assertThat(h.sql()).isEqualTo("SELECT id FROM events WHERE kind = ? ORDER BY id");
        });
    }

    @Test
    void offModeHandsBackTheDataSourceItselfAndEverythingRuns() throws SQLException {
        List<Heard> heard = new ArrayList<>();
        PartitionKeyGuard guard = guard(GuardMode.OFF, heard);
        assertThat(guard.wrap(db.dataSource())).isSameAs(db.dataSource());
        assertThat(ids(guard.wrap(db.dataSource()), "SELECT id FROM events WHERE kind = ? ORDER BY id", "click")).containsExactly(1L, 3L);
        assertThat(heard).isEmpty();
    }

    @Test
    void decisionsAreCachedPerSqlTextAndTheCacheIsBounded() throws SQLException {
        List<Heard> heard = new ArrayList<>();
        PartitionKeyGuard guard = PartitionKeyGuard.start(db.dataSource(), GuardOptions.DEFAULT.withCacheSize(2)
                .withListener((sql, v, a) -> heard.add(new Heard(sql, v, a))));
        DataSource ds = guard.wrap(db.dataSource());
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> ids(ds, "SELECT id FROM events")).hasMessageContaining("public.events");
        }
        assertThat(heard).hasSize(1);
        assertThat(guard.cachedStatements()).isEqualTo(1);
        ids(ds, "SELECT id FROM events WHERE day = '2026-01-05'");
        ids(ds, "SELECT id FROM events WHERE day = '2026-02-05'");
        assertThat(guard.cachedStatements()).isEqualTo(2);
    }

    @Test
    void refreshReadsTablesPartitionedSinceTheStartAndForgetsCachedDecisions() throws SQLException {
        Db own = Db.create("guardrefresh");
        own.exec("CREATE TABLE later (id int, day date NOT NULL)", "INSERT INTO later VALUES (1, '2026-01-05')");
        PartitionKeyGuard guard = PartitionKeyGuard.start(own.dataSource(), GuardOptions.DEFAULT);
        DataSource ds = guard.wrap(own.dataSource());
        assertThat(ids(ds, "SELECT id FROM later")).containsExactly(1L);
        own.exec("DROP TABLE later", "CREATE TABLE later (id int, day date NOT NULL) PARTITION BY RANGE (day)",
                "CREATE TABLE later_1 PARTITION OF later FOR VALUES FROM ('2026-01-01') TO ('2026-02-01')");
        guard.refresh();
        assertThat(guard.cachedStatements()).isZero();
        assertThatThrownBy(() -> ids(ds, "SELECT id FROM later")).hasMessageContaining("public.later (partition key day)");
    }

    @Test
    void aTableKeyedByAnExpressionIsJudgedByExplainWithTheBoundValues() throws SQLException {
        List<Heard> heard = new ArrayList<>();
        DataSource ds = guard(GuardMode.REJECT, heard).wrap(db.dataSource());
        assertThat(ids(ds, "SELECT v FROM readings WHERE date_trunc('month', t) = ?",
                java.time.LocalDateTime.parse("2026-02-01T00:00"))).containsExactly(2L);
        assertThatThrownBy(() -> ids(ds, "SELECT v FROM readings WHERE v = ?", 1))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("PGP01"))
                .hasMessageContaining("public.readings (partition key <expression>): scans 2 of 2 partitions (limit 1)")
                .hasMessageContaining("judged by EXPLAIN");
        assertThat(heard).singleElement().extracting(Heard::action).isEqualTo(Action.REJECTED);
    }

    @Test
    void withUnreadablePassAStatementTheTextCannotJudgeRunsAndIsReportedOnce() throws SQLException {
        List<Heard> heard = new ArrayList<>();
        PartitionKeyGuard guard = PartitionKeyGuard.start(db.dataSource(), GuardOptions.DEFAULT
                .withUnreadable(Unreadable.PASS).withListener((sql, v, a) -> heard.add(new Heard(sql, v, a))));
        DataSource ds = guard.wrap(db.dataSource());
        assertThat(ids(ds, "SELECT v FROM readings WHERE v = ?", 1)).containsExactly(1L);
        assertThat(ids(ds, "SELECT v FROM readings WHERE v = ?", 2)).containsExactly(2L);
        assertThat(heard).singleElement().satisfies(h -> {
            assertThat(h.action()).isEqualTo(Action.PASSED_UNCHECKED);
            assertThat(h.verdict()).isInstanceOf(Verdict.Unjudged.class);
        });
    }
}
