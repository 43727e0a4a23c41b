package dev.pgpart.liquibase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgpart.sql.QualifiedName;
import dev.pgpart.sql.Sql;
import dev.pgpart.test.Db;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Real Liquibase updating, rolling back and printing pgpart's change types, on hostile names. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PartitionChangesIT {
    static final String SCHEMA = "Lb \"s\"; --";
    static final QualifiedName EVENTS = QualifiedName.of(SCHEMA, "Events; DROP");
    static final QualifiedName COUNTRIES = QualifiedName.of(SCHEMA, "Country's");
    static final QualifiedName HASHED = QualifiedName.of(SCHEMA, "Hashed Table");

    static Db tables(String hint) {
        Db db = Db.create(hint);
        db.exec("CREATE SCHEMA " + Sql.ident(SCHEMA),
                "CREATE TABLE " + EVENTS.sql() + " (\"Created At\" timestamptz NOT NULL, v text) PARTITION BY RANGE (\"Created At\")",
                "CREATE TABLE " + COUNTRIES.sql() + " (\"Code\" text) PARTITION BY LIST (\"Code\")",
                "CREATE TABLE " + HASHED.sql() + " (id bigint) PARTITION BY HASH (id)");
        return db;
    }

    private static String bound(Db db, QualifiedName child) {
        return db.queryStrings("SELECT pg_get_expr(relpartbound, oid) FROM pg_class WHERE oid = " + Sql.literal(child.sql())
                + "::regclass").get(0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"pgpart/all-types.xml", "pgpart/all-types.yaml"})
    void everyChangeTypeAppliesFromXmlAndYaml(String changelog) throws Exception {
        Db db = tables("lb_update");
        LiquibaseRun.classpath(db).update(changelog);

        assertThat(db.partitionsOf(EVENTS.sql())).containsExactly("Events default", "Jan 'x'");
        assertThat(bound(db, EVENTS.sibling("Events default"))).isEqualTo("DEFAULT");
        assertThat(bound(db, EVENTS.sibling("Jan 'x'")))
                .isEqualTo(db.queryStrings("SELECT 'FOR VALUES FROM (''' || '2027-01-01 00:00:00+00'::timestamptz"
                        + " || ''') TO (''' || '2027-02-01 00:00:00+00'::timestamptz || ''')'").get(0));
        assertThat(bound(db, COUNTRIES.sibling("Irish \"p\""))).isEqualTo("FOR VALUES IN ('O''Brien', 'Mc\"Q')");
        assertThat(db.partitionsOf(HASHED.sql())).containsExactly("Hashed 0");
        assertThat(bound(db, HASHED.sibling("Hashed 0"))).isEqualTo("FOR VALUES WITH (modulus 2, remainder 0)");
        assertThat(db.queryLong("SELECT count(*) FROM pg_class WHERE relname = 'Hashed 1'")).isZero();
    }

    @Test
    void aRangePartitionTakesItsRowsOutOfTheDefault() throws Exception {
        Db db = tables("lb_move");
        LiquibaseRun run = LiquibaseRun.classpath(db);
        db.exec("CREATE TABLE " + EVENTS.sibling("Events default").sql() + " PARTITION OF " + EVENTS.sql() + " DEFAULT",
                "INSERT INTO " + EVENTS.sql() + " VALUES ('2027-01-10 00:00:00+00', 'jan'), ('2027-05-01 00:00:00+00', 'may')");

        run.update("pgpart/range-only.xml");

        assertThat(db.queryStrings("SELECT v FROM " + EVENTS.sibling("Jan 'x'").sql())).containsExactly("jan");
        assertThat(db.queryStrings("SELECT v FROM " + EVENTS.sibling("Events default").sql())).containsExactly("may");
    }

    @Test
    void rollingBackAnAddDetachesAndDropsThatPartition() throws Exception {
        Db db = tables("lb_rollback");
        LiquibaseRun run = LiquibaseRun.classpath(db);
        run.update("pgpart/adds.xml");

        run.rollbackCount("pgpart/adds.xml", 3);

        assertThat(db.partitionsOf(EVENTS.sql())).containsExactly("Events default");
        assertThat(db.partitionsOf(COUNTRIES.sql())).isEmpty();
        assertThat(db.partitionsOf(HASHED.sql())).isEmpty();
        assertThat(db.queryLong("SELECT count(*) FROM pg_class WHERE relname IN ('Jan ''x''', 'Irish \"p\"', 'Hashed 0', 'Hashed 1')"))
                .isZero();
    }

    @Test
    void aDeleteHasNoAutomaticRollbackAndSaysSo() throws Exception {
        Db db = tables("lb_no_rollback");
        LiquibaseRun run = LiquibaseRun.classpath(db);
        run.update("pgpart/all-types.xml");

        assertThatThrownBy(() -> run.rollbackCount("pgpart/all-types.xml", 1)).hasStackTraceContaining("deletePartition Hashed 1 has no automatic rollback");
        assertThat(db.partitionsOf(HASHED.sql())).containsExactly("Hashed 0");
    }

    @Test
    void updateSqlPrintsTheStatementsWithoutRunningThem() throws Exception {
        Db db = tables("lb_update_sql");
        String sql = LiquibaseRun.classpath(db).updateSql("pgpart/range-only.xml");

        assertThat(sql).contains("SET LOCAL lock_timeout = '2000ms';")
                .contains("CREATE TABLE \"Lb \"\"s\"\"; --\".\"Jan 'x'\" (LIKE \"Lb \"\"s\"\"; --\".\"Events; DROP\"")
                .contains("ALTER TABLE \"Lb \"\"s\"\"; --\".\"Events; DROP\" ATTACH PARTITION \"Lb \"\"s\"\"; --\".\"Jan 'x'\""
                        + " FOR VALUES FROM ('2027-01-01 00:00:00+00') TO ('2027-02-01 00:00:00+00');");
        assertThat(db.partitionsOf(EVENTS.sql())).isEmpty();
    }

    @Test
    void updateSqlOnATableThatDoesNotExistYetSaysThatItNeedsTheTableFirst() throws Exception {
        Db db = Db.create("lb_update_sql_no_table");

        assertThatThrownBy(() -> LiquibaseRun.classpath(db).updateSql("pgpart/range-only.xml"))
                .hasStackTraceContaining("table \"Lb \"\"s\"\"; --\".\"Events; DROP\" does not exist")
                .hasStackTraceContaining("update-sql renders pgpart's changes from the table's catalog");
    }

    @Test
    void deletingTheDefaultPartitionWarnsInTheSqlOutputThatUnmatchedRowsWillFailToInsert() throws Exception {
        Db db = tables("lb_default_warning");
        LiquibaseRun run = LiquibaseRun.classpath(db);
        run.update("pgpart/all-types.xml");

        String sql = run.updateSql("pgpart/delete-default.xml");

        assertThat(sql).contains("-- WARNING: deleting \"Lb \"\"s\"\"; --\".\"Events default\", the DEFAULT partition of")
                .contains("rows that fit no other partition fail to insert");
        run.update("pgpart/delete-default.xml");
        assertThat(db.partitionsOf(EVENTS.sql())).containsExactly("Jan 'x'");
    }

    @Test
    void aConcurrentDeleteRunsInAChangeSetOutsideATransaction() throws Exception {
        Db db = tables("lb_concurrently");
        LiquibaseRun.classpath(db).update("pgpart/concurrently.xml");

        assertThat(db.partitionsOf(HASHED.sql())).isEmpty();
        assertThat(db.queryLong("SELECT count(*) FROM pg_class WHERE relname = 'Hashed 0'")).isZero();
    }

    @Test
    void aConcurrentDeleteSetsTheSessionsLockTimeoutForItsStatementsAndPutsTheConnectionsValueBack() throws Exception {
        Db db = tables("lb_conc_sql");
        LiquibaseRun run = LiquibaseRun.classpath(db);
        run.update("pgpart/all-types.xml");

        String sql = run.updateSql("pgpart/concurrently.xml");

        String hashed0 = "\"Lb \"\"s\"\"; --\".\"Hashed 0\"";
        assertThat(sql).containsSubsequence("SET lock_timeout = '5000ms';",
                "DETACH PARTITION " + hashed0 + " CONCURRENTLY;", "DROP TABLE " + hashed0 + ";", "SET lock_timeout = '0';");
        assertThat(sql).doesNotContain("SET LOCAL lock_timeout");
    }

    @Test
    void aConcurrentDeleteInATransactionalChangeSetIsRefusedBeforeAnything() throws Exception {
        Db db = tables("lb_conc_tx");
        db.exec("CREATE TABLE " + HASHED.sibling("Hashed 0").sql() + " PARTITION OF " + HASHED.sql()
                + " FOR VALUES WITH (MODULUS 1, REMAINDER 0)");

        assertThatThrownBy(() -> LiquibaseRun.classpath(db).update("pgpart/concurrently-in-a-transaction.xml"))
                .hasStackTraceContaining("add runInTransaction=\"false\" to change set 1-concurrently");
        assertThat(db.partitionsOf(HASHED.sql())).isEqualTo(List.of("Hashed 0"));
    }
}
