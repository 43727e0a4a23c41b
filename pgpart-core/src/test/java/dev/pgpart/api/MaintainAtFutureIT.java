package dev.pgpart.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpart.plan.DropPartition;
import dev.pgpart.plan.Finding;
import dev.pgpart.plan.Plan;
import dev.pgpart.test.Db;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code maintain --at} a future instant premakes for then and never drops what is within retention today. */
@Timeout(120)
class MaintainAtFutureIT {
    static final Instant NOW = Instant.parse("2026-11-22T10:15:00Z");
    static final Instant FREEZE = Instant.parse("2027-06-01T00:00:00Z");
    static final String CONFIG = """
            tables:
              public.orders:
                interval: 1 month
                premake: 2
                start: 2026-07-01
                retention: 3 months
                on_expiry: drop
            """;

    @Test
    void maintainWithConsentAtAFutureInstantKeepsThePartitionsHoldingTodaysRows() {
        Db db = Db.create("at_future");
        db.exec("CREATE TABLE orders (id bigint, created_at timestamptz NOT NULL) PARTITION BY RANGE (created_at)");
        PgpartIT.pgpart(db, CONFIG, Instant.parse("2026-09-01T00:00:00Z")).maintain(MaintainOptions.defaults());
        Pgpart pgpart = PgpartIT.pgpart(db, CONFIG, NOW);
        db.exec("INSERT INTO orders VALUES (1, '2026-11-20 12:00+00'), (2, '2026-09-15 12:00+00')");

        MaintainResult r = pgpart.maintain(MaintainOptions.defaults().withConsent(true), Optional.empty(), FREEZE);

        assertThat(r.hasFailures()).as(r.results().toString()).isFalse();
        // now - 3 months is 2026-08-22: only July has expired today (at 2027-06-01 everything up to February would have)
        assertThat(r.results()).filteredOn(x -> x.action() instanceof DropPartition)
                .extracting(x -> x.action().partition().name()).containsExactly("orders_p20260701");
        assertThat(db.partitionsOf("orders")).contains("orders_p20260801", "orders_p20260901", "orders_p20261101",
                "orders_p20270601", "orders_p20270801").doesNotContain("orders_p20260701");
        assertThat(db.queryLong("SELECT count(*) FROM orders")).isEqualTo(2);
        db.exec("INSERT INTO orders VALUES (3, now())"); // the real current month still has a partition
        assertThat(r.plan().findings()).anySatisfy(f -> assertThat(f.kind()).isEqualTo(Finding.Kind.RETENTION_DEFERRED));
    }

    @Test
    void planAtAFutureInstantStillShowsWhatRetentionWouldRemoveThen() {
        Db db = Db.create("at_future_plan");
        db.exec("CREATE TABLE orders (id bigint, created_at timestamptz NOT NULL) PARTITION BY RANGE (created_at)");
        Pgpart pgpart = PgpartIT.pgpart(db, CONFIG, NOW);
        pgpart.maintain(MaintainOptions.defaults());

        Plan plan = pgpart.plan(Optional.empty(), FREEZE);

        assertThat(plan.actions()).filteredOn(a -> a instanceof DropPartition).extracting(a -> a.partition().name())
                .contains("orders_p20261101", "orders_p20261201");
    }
}
