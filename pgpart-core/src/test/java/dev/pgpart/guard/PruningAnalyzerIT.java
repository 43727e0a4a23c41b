package dev.pgpart.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgpart.ErrorCode;
import dev.pgpart.PgpartException;
import dev.pgpart.internal.catalog.TableInfo;
import dev.pgpart.sql.QualifiedName;
import dev.pgpart.test.Db;
import dev.pgpart.test.TestPostgres;
import java.sql.Connection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Pruning analysis against a real PostgreSQL: range, list, hash and two-level trees. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PruningAnalyzerIT {
    private static final QualifiedName EVENTS = QualifiedName.of("public", "events");
    private static Db db;
    private static PruningAnalyzer analyzer;

    @BeforeAll
    static void schema() {
        db = Db.create("guard_analyzer");
        analyzer = new PruningAnalyzer(db.dataSource());
        db.exec(GuardFixture.SCHEMA);
    }

    private static PruningReport explain(String sql, Object... values) {
        return analyzer.analyzeWithValues(sql, List.of(values), ExplainOptions.DEFAULT);
    }

    private static TablePruning only(PruningReport r) {
        assertThat(r.tables()).as(PlanOutline.lines(r.plan()).toString()).hasSize(1);
        return r.tables().get(0);
    }

    @Test
    void aRangeKeyGivenAsALiteralScansOnePartition() {
        PruningReport r = explain("SELECT * FROM events WHERE k = 15");
        TablePruning t = only(r);
        assertThat(r.mode()).isEqualTo(ExplainMode.LITERAL);
        assertThat(t.table()).isEqualTo(EVENTS);
        assertThat(t.strategy()).isEqualTo(TableInfo.Strategy.RANGE);
        assertThat(t.partitions()).isEqualTo(4);
        assertThat(t.scanned()).containsExactly(QualifiedName.of("public", "events_10"));
        assertThat(t.afterPlanTime()).isEqualTo(1);
        assertThat(t.removedAtRunTime()).isZero();
        assertThat(r.ok()).isTrue();
    }

    @Test
    void aQueryWithoutTheKeyScansEveryLeafIncludingSubPartitionsAndFails() {
        TablePruning t = only(explain("SELECT * FROM events WHERE v = 'x'"));
        assertThat(t.partitions()).isEqualTo(4);
        assertThat(t.scannedCount()).isEqualTo(4);
        assertThat(t.scanned()).contains(QualifiedName.of("public", "events_20_a"), QualifiedName.of("public", "events_20_rest"));
        assertThat(t.ok()).isFalse();
    }

    @Test
    void aKeyInTheSubPartitionedRangeCountsItsLeaves() {
        TablePruning t = only(explain("SELECT * FROM events WHERE k = 25"));
        assertThat(t.scanned()).containsExactly(QualifiedName.of("public", "events_20_a"), QualifiedName.of("public", "events_20_rest"));
        assertThat(t.ok()).isFalse();
        TablePruning both = only(explain("SELECT * FROM events WHERE k = 25 AND id = 1"));
        assertThat(both.scanned()).containsExactly(QualifiedName.of("public", "events_20_a"));
    }

    @Test
    void listAndHashKeysPruneToOnePartition() {
        TablePruning list = only(explain("SELECT * FROM regions WHERE region = 'eu'"));
        assertThat(list.strategy()).isEqualTo(TableInfo.Strategy.LIST);
        assertThat(list.partitions()).isEqualTo(3);
        assertThat(list.scanned()).containsExactly(QualifiedName.of("public", "regions_eu"));
        TablePruning hash = only(explain("SELECT * FROM accounts WHERE id = 42"));
        assertThat(hash.strategy()).isEqualTo(TableInfo.Strategy.HASH);
        assertThat(hash.partitions()).isEqualTo(4);
        assertThat(hash.scannedCount()).isEqualTo(1);
    }

    @Test
    void boundParametersPruneLikeLiteralsWhetherWrittenAsQuestionMarksOrDollarNumbers() {
        PruningReport jdbc = explain("SELECT * FROM events WHERE k = ? AND v <> ?", 15, "y");
        assertThat(jdbc.mode()).isEqualTo(ExplainMode.BOUND_VALUES);
        assertThat(only(jdbc).scanned()).containsExactly(QualifiedName.of("public", "events_10"));
        PruningReport dollar = analyzer.analyze("SELECT * FROM events WHERE v <> $2 AND k = $1",
                List.of(new Param.Text("15"), new Param.Text("y")), ExplainOptions.DEFAULT);
        assertThat(only(dollar).scanned()).containsExactly(QualifiedName.of("public", "events_10"));
    }

    @Test
    void theKeyBehindAFunctionOrACastDefeatsPruning() {
        assertThat(only(explain("SELECT * FROM events WHERE k::text = '15'")).scannedCount()).isEqualTo(4);
        assertThat(only(explain("SELECT * FROM events WHERE abs(k) = 15")).scannedCount()).isEqualTo(4);
    }

    @Test
    void aJoinReportsEachPartitionedTableOnItsOwn() {
        PruningReport r = explain("SELECT * FROM events e JOIN regions g ON g.id = e.id WHERE e.k = 5");
        assertThat(r.tables()).extracting(t -> t.table().name()).containsExactly("events", "regions");
        assertThat(r.tables().get(0).scannedCount()).isEqualTo(1);
        assertThat(r.tables().get(1).scannedCount()).isEqualTo(3);
        assertThat(r.offenders()).extracting(t -> t.table().name()).containsExactly("regions");
    }

    @Test
    void aCteAndASubqueryOnTheKeyAreFollowedIntoThePlan() {
        assertThat(only(explain("WITH x AS (SELECT * FROM events WHERE k = 5) SELECT count(*) FROM x")).scannedCount())
                .isEqualTo(1);
        assertThat(only(explain("SELECT * FROM (SELECT * FROM events WHERE k >= 10 AND k < 20) s")).scanned())
                .containsExactly(QualifiedName.of("public", "events_10"));
    }

    @Test
    void aStableExpressionOnTheKeyIsPrunedAtRunTimeAndCountedAsSubplansRemoved() {
        TablePruning t = only(explain("SELECT * FROM events WHERE k = (current_date - current_date) + 15"));
        assertThat(t.scannedCount()).isEqualTo(1);
        assertThat(t.removedAtRunTime()).isEqualTo(3);
        assertThat(t.afterPlanTime()).isEqualTo(4);
        assertThat(t.ok()).isTrue();
    }

    @Test
    void aKeyFromASubqueryIsPrunedOnlyDuringExecutionWhichAnalyzeShowsAsNeverExecuted() {
        String sql = "SELECT * FROM events WHERE k = (SELECT 15)";
        TablePruning planned = only(explain(sql));
        assertThat(planned.scannedCount()).isEqualTo(4);
        assertThat(planned.neverExecuted()).isEmpty();
        TablePruning ran = only(analyzer.analyze(sql, List.of(), ExplainOptions.DEFAULT.withAnalyze(true)));
        assertThat(ran.neverExecuted()).contains(3);
        assertThat(ran.ok()).as("never executed is reported, not counted as pruned").isFalse();
    }

    @Test
    void aPlainTableOnlyGivesNoVerdictRows() {
        PruningReport r = explain("SELECT * FROM plain WHERE id = 1");
        assertThat(r.tables()).isEmpty();
        assertThat(r.ok()).isTrue();
    }

    @Test
    void updateAndDeleteWithAnalyzeRunButAreRolledBack() {
        long before = db.queryLong("SELECT count(*) FROM events WHERE k = 15 AND v = 'x'");
        PruningReport up = analyzer.analyze("UPDATE events SET v = 'changed' WHERE k = 15", List.of(),
                ExplainOptions.DEFAULT.withAnalyze(true));
        assertThat(only(up).scanned()).containsExactly(QualifiedName.of("public", "events_10"));
        PruningReport del = analyzer.analyzeWithValues("DELETE FROM events WHERE k = ?", List.of(15),
                ExplainOptions.DEFAULT.withAnalyze(true));
        assertThat(only(del).scannedCount()).isEqualTo(1);
        assertThat(before).isPositive();
        assertThat(db.queryLong("SELECT count(*) FROM events WHERE k = 15 AND v = 'x'")).isEqualTo(before);
        assertThat(db.queryLong("SELECT count(*) FROM events WHERE v = 'changed'")).isZero();
    }

    @Test
    void withoutAnalyzeAWritingStatementIsOnlyPlanned() {
        long before = db.queryLong("SELECT count(*) FROM events");
        assertThat(only(explain("DELETE FROM events WHERE k = 5")).scannedCount()).isEqualTo(1);
        assertThat(db.queryLong("SELECT count(*) FROM events")).isEqualTo(before);
    }

    @Test
    void fromSixteenOnAStatementWithParametersAndNoValuesGetsAGenericPlanWithoutRunTimePruning() {
        TestPostgres.assumeMajorAtLeast(16);
        PruningReport r = analyzer.analyze("SELECT * FROM events WHERE k = ?", List.of(), ExplainOptions.DEFAULT);
        assertThat(r.mode()).isEqualTo(ExplainMode.GENERIC_PLAN);
        assertThat(r.sql()).isEqualTo("SELECT * FROM events WHERE k = $1");
        assertThat(only(r).scannedCount()).isEqualTo(4);
        assertThatThrownBy(() -> analyzer.analyze("SELECT * FROM events WHERE k = $1", List.of(),
                ExplainOptions.DEFAULT.withAnalyze(true)))
                .isInstanceOf(PgpartException.class).hasMessageContaining("--param")
                .satisfies(e -> assertThat(((PgpartException) e).code()).isEqualTo(ErrorCode.CONFIG));
    }

    @Test
    void beforeSixteenAStatementWithParametersNeedsValues() {
        org.junit.jupiter.api.Assumptions.assumeTrue(TestPostgres.serverVersionNum() < 160000,
                "PostgreSQL 16+ has GENERIC_PLAN; running " + TestPostgres.serverVersionNum());
        assertThatThrownBy(() -> analyzer.analyze("SELECT * FROM events WHERE k = $1", List.of(), ExplainOptions.DEFAULT))
                .isInstanceOf(PgpartException.class)
                .hasMessageContaining("no EXPLAIN (GENERIC_PLAN)").hasMessageContaining("--param")
                .satisfies(e -> assertThat(((PgpartException) e).code()).isEqualTo(ErrorCode.CONFIG));
        PruningReport r = explain("SELECT * FROM events WHERE k = $1", 15);
        assertThat(r.mode()).isEqualTo(ExplainMode.BOUND_VALUES);
        assertThat(only(r).scannedCount()).isEqualTo(1);
    }

    @Test
    void aServerErrorCarriesTheServerMessage() {
        assertThatThrownBy(() -> explain("SELECT * FROM no_such_table"))
                .isInstanceOf(PgpartException.class).hasMessageContaining("no_such_table").hasMessageContaining("42P01")
                .satisfies(e -> assertThat(((PgpartException) e).code()).isEqualTo(ErrorCode.DATABASE));
    }

    @Test
    void aSecondStatementIsRefusedBeforeAnythingRuns() {
        assertThatThrownBy(() -> explain("SELECT 1; DROP TABLE plain"))
                .isInstanceOf(PgpartException.class).hasMessageContaining("more than one statement");
        assertThat(db.queryLong("SELECT count(*) FROM pg_class WHERE relname = 'plain'")).isEqualTo(1);
    }

    @Test
    void theBorrowedConnectionIsGivenBackInAutocommitAndOutsideATransaction() throws Exception {
        try (Connection c = db.dataSource().getConnection()) {
            PruningAnalyzer onOne = new PruningAnalyzer(GuardFixture.single(c));
            onOne.analyze("SELECT * FROM events WHERE k = 5", List.of(), ExplainOptions.DEFAULT);
            assertThat(c.getAutoCommit()).isTrue();
            try (var s = c.createStatement(); var rs = s.executeQuery("SHOW transaction_read_only")) {
                rs.next();
                assertThat(rs.getString(1)).as("no read-only transaction left behind").isEqualTo("off");
            }
        }
    }
}
