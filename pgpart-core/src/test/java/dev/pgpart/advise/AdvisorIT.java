package dev.pgpart.advise;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpart.sql.QualifiedName;
import dev.pgpart.test.Db;
import dev.pgpart.test.TestPostgres;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The advisor against a real PostgreSQL with pg_stat_statements loaded: every kind fires, and only where it should. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AdvisorIT {
    private static final QualifiedName EVENTS = QualifiedName.of("public", "events");
    private static final QualifiedName CUSTOMERS = QualifiedName.of("public", "customers");
    private static final Map<QualifiedName, String> KEYS = Map.of(CUSTOMERS, "created_at");
    private static Db db;

    @BeforeAll
    static void schema() {
        db = new Db(TestPostgres.newDatabaseWithStatementStats("advise"));
        db.exec(AdviseFixture.SCHEMA);
        db.exec(AdviseFixture.WORKLOAD);
    }

    private static AdviceReport advise(AdviseOptions options) throws Exception {
        try (Connection c = db.dataSource().getConnection()) {
            return new Advisor(KEYS).advise(c, options);
        }
    }

    private static List<Advice> of(AdviceReport r, AdviceKind kind) {
        return r.advice().stream().filter(a -> a.kind() == kind).toList();
    }

    @Test
    void aStatementReadingEveryPartitionIsReportedWithItsCallsAndTheTableItScans() throws Exception {
        List<Advice> found = of(advise(AdviseOptions.defaults()), AdviceKind.STATEMENT_NOT_PRUNING).stream()
                .filter(a -> a.table().equals(EVENTS)).toList();
        assertThat(found).hasSize(1);
        Advice a = found.get(0);
        assertThat(a.table()).isEqualTo(EVENTS);
        assertThat(a.severity()).isEqualTo(Severity.HIGH);
        assertThat(a.statement().orElseThrow().query()).isEqualTo("SELECT * FROM events WHERE v = $1");
        assertThat(a.statement().orElseThrow().calls()).isEqualTo(2);
        assertThat(a.observed()).contains("reads 3 of 3 partitions of public.events", "2 calls");
    }

    @Test
    void aDeleteWithoutTheKeyIsAStatementThatDoesNotPruneToo() throws Exception {
        assertThat(of(advise(AdviseOptions.defaults()), AdviceKind.STATEMENT_NOT_PRUNING))
                .filteredOn(a -> a.table().equals(QualifiedName.of("public", "lines"))).singleElement()
                .satisfies(a -> assertThat(a.observed()).contains("reads 2 of 2 partitions of public.lines",
                        "DELETE FROM lines WHERE owner_id = $1"));
    }

    @Test
    void statementsThatPruneAreNotAdvisedOn() throws Exception {
        assertThat(of(advise(AdviseOptions.defaults()), AdviceKind.STATEMENT_NOT_PRUNING))
                .noneMatch(a -> a.statement().orElseThrow().query().contains("k = $1"));
    }

    @Test
    void aStatementThatCannotBeExplainedIsListedAsUnknown() throws Exception {
        try (Connection c = db.dataSource().getConnection(); var s = c.createStatement()) {
            s.execute("CREATE TEMP TABLE picked (k int)");
            s.execute("SELECT * FROM events e JOIN picked p ON p.k = e.k");
        }
        List<Advice> found = of(advise(AdviseOptions.defaults()), AdviceKind.STATEMENT_UNKNOWN);
        assertThat(found).hasSize(1);
        assertThat(found.get(0).table()).isEqualTo(EVENTS);
        assertThat(found.get(0).observed()).contains("picked", "does not exist");
    }

    @Test
    void keysOfAConversionTargetWithoutThePartitionKeyAreReported() throws Exception {
        List<Advice> found = of(advise(AdviseOptions.defaults()), AdviceKind.UNIQUE_LACKS_KEY);
        assertThat(found).extracting(Advice::table).containsOnly(CUSTOMERS);
        assertThat(found).extracting(Advice::observed).anyMatch(o -> o.startsWith("primary key customers_pkey (id)"))
                .anyMatch(o -> o.startsWith("unique constraint customers_email_key (email)"));
        assertThat(found).allMatch(a -> a.fix().contains("created_at"));
    }

    @Test
    void aForeignKeyIntoAConversionTargetWithoutTheKeyIsReported() throws Exception {
        List<Advice> found = of(advise(AdviseOptions.defaults()), AdviceKind.FOREIGN_KEY_LACKS_KEY);
        assertThat(found).hasSize(1);
        assertThat(found.get(0).observed()).contains("invoices_customer_id_fkey", "public.invoices (customer_id)",
                "without the partition key created_at");
    }

    @Test
    void aForeignKeyOfAPartitionedTableWithoutItsKeyIsReported() throws Exception {
        List<Advice> found = of(advise(AdviseOptions.defaults()), AdviceKind.FOREIGN_KEY_CHECK_SCANS_PARTITIONS);
        assertThat(found).hasSize(1);
        assertThat(found.get(0).table()).isEqualTo(QualifiedName.of("public", "lines"));
        assertThat(found.get(0).observed()).contains("lines_owner (owner_id)", "partition key (k)");
    }

    @Test
    void rowByRowDeletesUnderANoActionForeignKeyAreAnEmulatedCascade() throws Exception {
        List<Advice> found = of(advise(AdviseOptions.defaults()), AdviceKind.EMULATED_CASCADE);
        assertThat(found).hasSize(1);
        Advice a = found.get(0);
        assertThat(a.table()).isEqualTo(QualifiedName.of("public", "lines"));
        assertThat(a.statement().orElseThrow().query()).isEqualTo("DELETE FROM lines WHERE owner_id = $1");
        assertThat(a.statement().orElseThrow().calls()).isEqualTo(2);
        assertThat(a.fix()).contains("ON DELETE CASCADE");
    }

    @Test
    void skewAndDefaultRowsAreReported() throws Exception {
        AdviceReport r = advise(AdviseOptions.defaults());
        assertThat(of(r, AdviceKind.LIST_SKEW)).singleElement()
                .satisfies(a -> assertThat(a.observed()).startsWith("partition public.regions_eu holds 90% of the rows"));
        assertThat(of(r, AdviceKind.HASH_SKEW)).singleElement()
                .satisfies(a -> assertThat(a.table()).isEqualTo(QualifiedName.of("public", "accounts")));
        assertThat(of(r, AdviceKind.DEFAULT_PARTITION_ROWS)).singleElement()
                .satisfies(a -> assertThat(a.observed()).contains("public.regions_default holds about 50 rows"));
    }

    @Test
    void aPartitionWithoutItsSiblingsIndexAndAnInvalidIndexAreReported() throws Exception {
        AdviceReport r = advise(AdviseOptions.defaults());
        assertThat(of(r, AdviceKind.PARTITION_MISSING_INDEX)).singleElement().satisfies(a -> assertThat(a.observed())
                .isEqualTo("index btree (v) (e.g. public.events_0_v) exists on 2 of 3 partitions; missing on public.events_20"));
        assertThat(of(r, AdviceKind.INVALID_INDEX)).singleElement().satisfies(a -> {
            assertThat(a.table()).isEqualTo(EVENTS);
            assertThat(a.observed()).contains("public.events_id", "missing on some partition");
        });
    }

    @Test
    void planningAboveTheThresholdIsReportedWithTheMeasuredQuery() throws Exception {
        AdviceReport r = advise(AdviseOptions.defaults().withTable(Optional.of(EVENTS)).withPlanningMillis(0.000001));
        assertThat(of(r, AdviceKind.PLANNING_TIME)).singleElement().satisfies(a -> {
            assertThat(a.table()).isEqualTo(EVENTS);
            assertThat(a.observed()).startsWith("3 partitions: planning a pruned point query (SELECT 1 FROM \"public\".\"events\" WHERE \"k\" = '");
            assertThat(a.weight()).isPositive();
        });
    }

    @Test
    void theDefaultPlanningThresholdLeavesSmallTablesAlone() throws Exception {
        assertThat(of(advise(AdviseOptions.defaults()), AdviceKind.PLANNING_TIME)).isEmpty();
    }

    @Test
    void tableLimitsTheAdviceToThatTableAndTheWorstComesFirst() throws Exception {
        AdviceReport r = advise(AdviseOptions.defaults().withTable(Optional.of(EVENTS)));
        assertThat(r.advice()).extracting(Advice::table).containsOnly(EVENTS);
        assertThat(r.advice().get(0).kind()).isEqualTo(AdviceKind.STATEMENT_NOT_PRUNING);
    }

    @Test
    void theAdvisorLeavesPlanCacheModeAndNoPreparedStatementsBehind() throws Exception {
        try (Connection c = db.dataSource().getConnection()) {
            new Advisor(KEYS).advise(c, AdviseOptions.defaults());
            try (var s = c.createStatement(); var rs = s.executeQuery(
                    "SELECT current_setting('plan_cache_mode'), (SELECT count(*) FROM pg_prepared_statements WHERE name LIKE 'pgpart%')")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("auto");
                assertThat(rs.getLong(2)).isZero();
            }
        }
    }

    @Test
    void withoutPgStatStatementsTheStatementChecksAreSkippedAndSaidSo() throws Exception {
        Db plain = Db.create("advise_nostats");
        plain.exec(AdviseFixture.SCHEMA);
        try (Connection c = plain.dataSource().getConnection()) {
            AdviceReport r = new Advisor(KEYS).advise(c, AdviseOptions.defaults());
            assertThat(r.notes()).anySatisfy(n -> {
                assertThat(n.check()).isEqualTo("pg_stat_statements");
                assertThat(n.message()).startsWith("not installed in this database, skipped");
            });
            assertThat(of(r, AdviceKind.STATEMENT_NOT_PRUNING)).isEmpty();
            assertThat(of(r, AdviceKind.PARTITION_MISSING_INDEX)).hasSize(1);
        }
    }

    @Test
    void anExtensionInstalledButNotPreloadedIsSkippedAndSaidSo() throws Exception {
        Db notLoaded = Db.create("advise_notloaded");
        notLoaded.exec("CREATE EXTENSION pg_stat_statements", "CREATE TABLE plain (id int PRIMARY KEY)");
        try (Connection c = notLoaded.dataSource().getConnection()) {
            AdviceReport r = new Advisor(Map.of()).advise(c, AdviseOptions.defaults());
            assertThat(r.notes()).singleElement().satisfies(n -> assertThat(n.message())
                    .startsWith("installed but not loaded, skipped").contains("shared_preload_libraries"));
            assertThat(r.clean()).isTrue();
        }
    }
}
