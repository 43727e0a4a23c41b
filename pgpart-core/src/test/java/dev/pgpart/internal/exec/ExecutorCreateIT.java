package dev.pgpart.internal.exec;

import dev.pgpart.api.MaintainResult;
import dev.pgpart.api.Outcome;

import static dev.pgpart.internal.exec.ExecSupport.assertAllApplied;
import static dev.pgpart.internal.exec.ExecSupport.bound;
import static dev.pgpart.internal.exec.ExecSupport.comment;
import static dev.pgpart.internal.exec.ExecSupport.connect;
import static dev.pgpart.internal.exec.ExecSupport.query;
import static dev.pgpart.internal.exec.ExecSupport.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpart.api.Bound;
import dev.pgpart.internal.catalog.TableInfo;
import dev.pgpart.plan.CreateDefaultPartition;
import dev.pgpart.plan.CreatePartition;
import dev.pgpart.plan.DefaultRows;
import dev.pgpart.sql.QualifiedName;
import dev.pgpart.test.Db;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ExecutorCreateIT {
    private static Db db;

    @BeforeAll
    static void database() {
        db = Db.create("exec_create");
    }

    private static Optional<String> v(String s) {
        return Optional.of(s);
    }

    @ParameterizedTest(name = "a {1} range partition is attached while another session reads the parent and an old partition")
    @CsvSource({
            "ts_tz, timestamp with time zone, 2026-12-01 00:00:00+00, 2027-01-01 00:00:00+00, 2027-02-01 00:00:00+00",
            "ts_date, date, 2026-12-01, 2027-01-01, 2027-02-01",
            "ts_big, bigint, 0, 1000, 2000"})
    void aRangePartitionIsAttachedWithoutAccessExclusiveOnTheParent(String table, String type, String old, String lo, String hi)
            throws Exception {
        db.exec("CREATE TABLE " + table + " (id bigint, k " + type + " NOT NULL) PARTITION BY RANGE (k)",
                "CREATE TABLE " + table + "_old PARTITION OF " + table + " FOR VALUES FROM ('" + old + "') TO ('" + lo + "')",
                "CREATE TABLE " + table + "_default PARTITION OF " + table + " DEFAULT",
                "INSERT INTO " + table + " VALUES (1, '" + old + "'), (2, '" + lo + "')");
        QualifiedName parent = QualifiedName.of("public", table);
        TableInfo info = TableFixture.of(parent).key("k", type).columns("id", "k").defaultPartition(parent.sibling(table + "_default")).build();
        Bound b = new Bound.Range(v(lo), v(hi));
        try (Connection reader = connect(db)) {
            reader.setAutoCommit(false);
            try (Statement s = reader.createStatement()) {
                // ACCESS SHARE on the parent alone, and a read of an old partition: an ACCESS
                // EXCLUSIVE request on the parent could not be granted and the run would fail.
                s.execute("LOCK TABLE ONLY " + parent.sql() + " IN ACCESS SHARE MODE");
                s.executeQuery("SELECT count(*) FROM " + table + "_old").close();
            }
            MaintainResult r = run(db, info, ExecSupport.YES.withRetries(1, Duration.ZERO), Duration.ofMillis(500),
                    new CreatePartition(parent, parent.sibling(table + "_new"), b, true, DefaultRows.unknown(), Optional.empty()));
            assertAllApplied(r);
            assertThat(r.rowsMoved()).isEqualTo(1);
            reader.rollback();
        }
        assertThat(bound(db, "public", table + "_new")).isEqualTo("FOR VALUES FROM ('" + lo + "') TO ('" + hi + "')");
        assertThat(comment(db, "public", table + "_new")).isEqualTo("pgpart:managed partition of public." + table);
    }

    @Test
    void rowsInTheDefaultMoveIntoTheNewPartitionAndNoneIsLost() {
        db.exec("CREATE TABLE mv (id bigint, ts timestamptz, doubled bigint GENERATED ALWAYS AS (id * 2) STORED) PARTITION BY RANGE (ts)",
                "CREATE TABLE mv_default PARTITION OF mv DEFAULT",
                "INSERT INTO mv (id, ts) SELECT g, '2027-01-01 00:00:00+00'::timestamptz + g * interval '1 hour' FROM generate_series(0, 999) g",
                "INSERT INTO mv (id, ts) VALUES (-1, NULL)");
        long before = db.queryLong("SELECT count(*) FROM mv");
        long january = db.queryLong("SELECT count(*) FROM mv WHERE ts >= '2027-01-01 00:00:00+00' AND ts < '2027-02-01 00:00:00+00'");
        QualifiedName parent = QualifiedName.of("public", "mv");
        TableInfo info = TableFixture.of(parent).key("ts", "timestamp with time zone").columns("id", "ts")
                .column(new dev.pgpart.internal.catalog.Column("doubled", true, -1)).defaultPartition(parent.sibling("mv_default")).build();
        MaintainResult r = run(db, info, new CreatePartition(parent, parent.sibling("mv_p20270101"),
                new Bound.Range(v("2027-01-01 00:00:00+00"), v("2027-02-01 00:00:00+00")), true, DefaultRows.exactly(5), Optional.empty()));
        assertAllApplied(r);
        assertThat(r.rowsMoved()).isEqualTo(january).isEqualTo(744);
        assertThat(r.results().get(0).detail()).contains("moved 744 rows");
        assertThat(db.queryLong("SELECT count(*) FROM mv")).isEqualTo(before);
        assertThat(db.queryLong("SELECT count(*) FROM mv_p20270101")).isEqualTo(744);
        assertThat(db.queryLong("SELECT count(*) FROM mv_p20270101 WHERE doubled = id * 2")).isEqualTo(744);
        assertThat(db.queryLong("SELECT count(*) FROM mv_default")).isEqualTo(before - 744);
    }

    @Test
    void aListPartitionWithANullValueTakesTheNullRowsOutOfTheDefault() {
        db.exec("CREATE TABLE li (id int, region text) PARTITION BY LIST (region)",
                "CREATE TABLE li_default PARTITION OF li DEFAULT",
                "INSERT INTO li VALUES (1, 'eu'), (2, 'us'), (3, NULL), (4, 'eu'), (5, 'o''hare')");
        QualifiedName parent = QualifiedName.of("public", "li");
        TableInfo info = TableFixture.of(parent).list().key("region", "text").columns("id", "region")
                .defaultPartition(parent.sibling("li_default")).build();
        MaintainResult r = run(db, info, new CreatePartition(parent, parent.sibling("li_eu"),
                new Bound.In(Arrays.asList(v("eu"), Optional.empty(), v("o'hare"))), true, DefaultRows.unknown(), Optional.empty()));
        assertAllApplied(r);
        assertThat(r.rowsMoved()).isEqualTo(4);
        assertThat(db.queryStrings("SELECT coalesce(region, 'NULL') FROM li_default")).containsExactly("us");
        assertThat(bound(db, "public", "li_eu")).isEqualTo("FOR VALUES IN ('eu', NULL, 'o''hare')");
        assertThat(db.queryLong("SELECT count(*) FROM li")).isEqualTo(5);
    }

    @Test
    void aSubPartitionedChildGetsFourHashChildrenEachMarked() {
        db.exec("CREATE TABLE sp (id bigint, ts date) PARTITION BY RANGE (ts)");
        QualifiedName parent = QualifiedName.of("public", "sp");
        TableInfo info = TableFixture.of(parent).key("ts", "date").columns("id", "ts").build();
        QualifiedName child = parent.sibling("sp_p20270101");
        MaintainResult r = run(db, info, new CreatePartition(parent, child,
                new Bound.Range(v("2027-01-01"), v("2027-02-01")), false, DefaultRows.none(), PlannedLeaves.hash(child, "id", 4)));
        assertAllApplied(r);
        assertThat(db.partitionsOf("public.sp_p20270101")).containsExactly("sp_p20270101_p0", "sp_p20270101_p1",
                "sp_p20270101_p2", "sp_p20270101_p3");
        assertThat(bound(db, "public", "sp_p20270101_p2")).isEqualTo("FOR VALUES WITH (modulus 4, remainder 2)");
        assertThat(comment(db, "public", "sp_p20270101_p3")).isEqualTo("pgpart:managed partition of public.sp_p20270101");
        db.exec("INSERT INTO sp SELECT g, '2027-01-15' FROM generate_series(1, 100) g");
        assertThat(db.queryLong("SELECT count(DISTINCT tableoid) FROM sp")).isEqualTo(4);
    }

    @Test
    void aDefaultPartitionIsCreatedAndAttached() {
        db.exec("CREATE TABLE dp (id bigint, ts date) PARTITION BY RANGE (ts)");
        QualifiedName parent = QualifiedName.of("public", "dp");
        assertAllApplied(run(db, TableFixture.of(parent).key("ts", "date").columns("id", "ts").build(),
                new CreateDefaultPartition(parent, parent.sibling("dp_default"))));
        assertThat(bound(db, "public", "dp_default")).isEqualTo("DEFAULT");
        assertThat(query(db, "SELECT relispartition::text FROM pg_class WHERE relname = 'dp_default'")).isEqualTo("true");
    }

    @Test
    void aNameAlreadyTakenFailsThatActionWithItsSqlStateAndTheOthersStillApply() {
        db.exec("CREATE TABLE dup (id bigint, ts date) PARTITION BY RANGE (ts)", "CREATE TABLE dup_taken (x int)");
        QualifiedName parent = QualifiedName.of("public", "dup");
        TableInfo info = TableFixture.of(parent).key("ts", "date").columns("id", "ts").build();
        MaintainResult r = run(db, info,
                new CreatePartition(parent, parent.sibling("dup_taken"), new Bound.Range(v("2027-01-01"), v("2027-02-01")), false, DefaultRows.none(), Optional.empty()),
                new CreatePartition(parent, parent.sibling("dup_feb"), new Bound.Range(v("2027-02-01"), v("2027-03-01")), false, DefaultRows.none(), Optional.empty()));
        assertThat(r.results().get(0).outcome()).isEqualTo(Outcome.FAILED);
        assertThat(r.results().get(0).detail()).contains("42P07", "duplicate_table", "rolled back");
        assertThat(r.results().get(1).outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(db.partitionsOf("public.dup")).containsExactly("dup_feb");
    }
}
