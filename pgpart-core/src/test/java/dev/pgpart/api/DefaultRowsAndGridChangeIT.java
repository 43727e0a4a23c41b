package dev.pgpart.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpart.plan.CreatePartition;
import dev.pgpart.plan.Finding;
import dev.pgpart.plan.Plan;
import dev.pgpart.spec.SpecLoader;
import dev.pgpart.test.Db;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Plan and maintain on real PostgreSQL with what a default partition holds, and with a changed grid. */
@Timeout(120)
class DefaultRowsAndGridChangeIT {

    private static Pgpart pgpart(Db db, String yaml, String now) {
        return Pgpart.builder(db.dataSource()).spec(SpecLoader.parse(yaml, "pgpart.yml"))
                .clock(Clock.fixed(Instant.parse(now), ZoneOffset.UTC)).build();
    }

    private static List<Finding> problems(List<Finding> findings) {
        return findings.stream().filter(f -> f.severity() == Finding.Severity.PROBLEM).toList();
    }

    private static MaintainResult maintain(Pgpart pgpart) {
        MaintainResult r = pgpart.maintain(MaintainOptions.defaults());
        assertThat(r.hasFailures()).as(r.results().toString()).isFalse();
        return r;
    }

    @Test
    void numericKeysInTheDefaultAreOrderedByValueSoEveryRowGetsItsPartition() {
        Db db = Db.create("numeric_default");
        db.exec("CREATE TABLE events (id bigint) PARTITION BY RANGE (id)",
                "CREATE TABLE events_default PARTITION OF events DEFAULT",
                "INSERT INTO events SELECT g FROM generate_series(1, 2499001, 1000) g");
        Pgpart pgpart = pgpart(db, """
                tables:
                  events: { interval: 1000000, premake: 1, start: 0, default_partition: true }
                """, "2026-11-22T10:15:00Z");

        Plan plan = pgpart.plan();
        assertThat(plan.tables().get(0).findings()).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("2500 rows with keys from 1 to 2499001"));
        MaintainResult r = maintain(pgpart);

        assertThat(r.rowsMoved()).isEqualTo(2500);
        assertThat(db.partitionsOf("events")).containsExactly("events_default", "events_p0", "events_p1000000",
                "events_p2000000", "events_p3000000");
        assertThat(db.queryLong("SELECT count(*) FROM ONLY events_default")).isZero();
        assertThat(db.queryLong("SELECT count(*) FROM events_p2000000")).isEqualTo(500);
        assertThat(problems(pgpart.check())).isEmpty();
    }

    @Test
    void nullKeyRowsStayInTheDefaultReportedApartWhileTheOthersMoveOut() {
        Db db = Db.create("null_keys");
        db.exec("CREATE TABLE orders (id bigint, created_at timestamptz) PARTITION BY RANGE (created_at)",
                "CREATE TABLE orders_default PARTITION OF orders DEFAULT",
                "INSERT INTO orders VALUES (1, '2026-12-05 10:00+00'), (2, NULL), (3, NULL)");
        Pgpart pgpart = pgpart(db, """
                tables:
                  orders: { interval: 1 month, premake: 2, default_partition: true }
                """, "2026-11-22T10:15:00Z");

        Plan plan = pgpart.plan();
        assertThat(plan.actions()).filteredOn(a -> a.partition().name().equals("orders_p20261201"))
                .singleElement().satisfies(a -> assertThat(((CreatePartition) a).rowsFromDefault()).isEqualTo(dev.pgpart.plan.DefaultRows.exactly(1)));
        assertThat(problems(plan.tables().get(0).findings())).isEmpty();
        MaintainResult r = maintain(pgpart);

        assertThat(r.rowsMoved()).isEqualTo(1);
        assertThat(db.queryStrings("SELECT tableoid::regclass || ':' || id FROM orders ORDER BY id"))
                .containsExactly("orders_p20261201:1", "orders_default:2", "orders_default:3");
        assertThat(problems(pgpart.check())).isEmpty();
        Plan again = pgpart.plan();
        assertThat(again.isEmpty()).isTrue();
        assertThat(again.tables().get(0).findings()).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Finding.Severity.NOTE);
            assertThat(f.message()).contains("2 rows whose key created_at is NULL");
        });
    }

    @Test
    void aChangedTimeZoneIsBridgedSoInsertsAtTheOldBoundarySucceed() {
        Db db = Db.create("tz_change");
        db.exec("CREATE TABLE orders (id bigint, created_at timestamptz NOT NULL) PARTITION BY RANGE (created_at)");
        maintain(pgpart(db, "tables: { orders: { interval: 1 month, premake: 0 } }", "2026-12-10T12:00:00Z"));
        assertThat(db.partitionsOf("orders")).containsExactly("orders_p20261201");

        Pgpart ny = pgpart(db, "tables: { orders: { interval: 1 month, premake: 1, time_zone: America/New_York } }",
                "2026-12-10T12:00:00Z");
        maintain(ny);
        db.exec("INSERT INTO orders VALUES (1, '2026-12-31 23:59:59+00'), (2, '2027-01-01 00:00+00'), "
                + "(3, '2027-01-01 04:59:59+00'), (4, '2027-01-01 05:00+00')");

        assertThat(db.queryStrings("SELECT tableoid::regclass || ':' || id FROM orders ORDER BY id")).containsExactly(
                "orders_p20261201:1", "orders_p20261201_1:2", "orders_p20261201_1:3", "orders_p20270101:4");
        assertThat(ny.plan().isEmpty()).isTrue();
        assertThat(problems(ny.check())).isEmpty();
    }

    @Test
    void aChangedIntervalIsBridgedSoInsertsAtTheOldBoundarySucceed() {
        Db db = Db.create("interval_change");
        db.exec("CREATE TABLE orders (id bigint, created_at timestamptz NOT NULL) PARTITION BY RANGE (created_at)");
        maintain(pgpart(db, "tables: { orders: { interval: 1 month, premake: 0 } }", "2026-12-29T12:00:00Z"));

        Pgpart weekly = pgpart(db, "tables: { orders: { interval: 1 week, premake: 1 } }", "2026-12-29T12:00:00Z");
        maintain(weekly);
        db.exec("INSERT INTO orders VALUES (1, '2026-12-31 23:59:59+00'), (2, '2027-01-01 00:00+00'), "
                + "(3, '2027-01-03 23:59:59+00'), (4, '2027-01-04 00:00+00')");

        assertThat(db.queryStrings("SELECT tableoid::regclass || ':' || id FROM orders ORDER BY id")).containsExactly(
                "orders_p20261201:1", "orders_p20261228:2", "orders_p20261228:3", "orders_p20270104:4");
        assertThat(weekly.plan().isEmpty()).isTrue();
        assertThat(problems(weekly.check())).isEmpty();
    }
}
