package dev.pgpart.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpart.plan.Finding;
import dev.pgpart.spec.SpecLoader;
import dev.pgpart.test.Db;
import dev.pgpart.test.TestPostgres;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A logical replica sees rows moved out of the default partition deleted and inserted in the same
 * transaction on the same published table, so it never loses them. (Before, the insert went into
 * the new partition while it was still a standalone table, which no publication includes: the
 * subscriber applied the delete and lost the rows.)
 */
@Timeout(120)
class MoveUnderLogicalReplicationIT {
    static final Instant NOW = Instant.parse("2026-11-22T10:15:00Z");
    static final String CONFIG = """
            tables:
              public.orders:
                interval: 1 month
                premake: 1
                default_partition: true
            """;

    private static Pgpart pgpart(Db db) {
        return Pgpart.builder(db.dataSource()).spec(SpecLoader.parse(CONFIG, "pgpart.yml"))
                .clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
    }

    private static void orders(Db db) {
        db.exec("CREATE TABLE orders (id bigint, created_at timestamptz NOT NULL, PRIMARY KEY (id, created_at))"
                        + " PARTITION BY RANGE (created_at)",
                "CREATE TABLE orders_default PARTITION OF orders DEFAULT",
                "COMMENT ON TABLE orders_default IS 'pgpart:managed default'");
    }

    @Test
    void aSubscriberOfAPublicationThroughTheRootKeepsEveryMovedRow() {
        Db pub = Db.create("lr_pub");
        Db sub = Db.create("lr_sub");
        String pubName = pub.queryStrings("SELECT current_database()").get(0);
        String slot = "pgpart_test_" + pubName.replaceAll("[^a-z0-9]", "");
        orders(pub);
        pub.exec("CREATE PUBLICATION orders_pub FOR TABLE orders WITH (publish_via_partition_root = true)",
                "SELECT pg_create_logical_replication_slot('" + slot + "', 'pgoutput')");
        sub.exec("CREATE TABLE orders (id bigint, created_at timestamptz NOT NULL, PRIMARY KEY (id, created_at))",
                "CREATE SUBSCRIPTION orders_sub CONNECTION 'host=localhost port=" + TestPostgres.port() + " user=postgres dbname="
                        + pubName + "' PUBLICATION orders_pub WITH (create_slot = false, slot_name = '" + slot + "', copy_data = false)");
        try {
            pub.exec("INSERT INTO orders VALUES (1, '2026-12-05 10:00+00'), (2, '2026-12-06 10:00+00')");
            awaitRows(sub, List.of("1", "2"));

            MaintainResult r = pgpart(pub).maintain(MaintainOptions.defaults());
            assertThat(r.hasFailures()).as(r.results().toString()).isFalse();
            assertThat(r.rowsMoved()).isEqualTo(2);
            pub.exec("INSERT INTO orders VALUES (3, '2026-12-07 10:00+00')"); // committed after the move: a marker

            awaitRows(sub, List.of("1", "2", "3"));
        } finally {
            sub.exec("DROP SUBSCRIPTION orders_sub"); // drops the slot on the publisher too
        }
    }

    @Test
    void aPublicationOfThePartitionsThemselvesStopsTheMoveAndNamesThePublication() {
        Db pub = Db.create("lr_leaf");
        orders(pub);
        pub.exec("CREATE PUBLICATION leaf_pub FOR TABLE orders WITH (publish_via_partition_root = false)",
                "INSERT INTO orders VALUES (1, '2026-12-05 10:00+00')");
        Pgpart pgpart = pgpart(pub);

        assertThat(pgpart.plan().findings()).anySatisfy(f -> {
            assertThat(f.kind()).isEqualTo(Finding.Kind.MOVE_UNSAFE);
            assertThat(f.message()).contains("publication leaf_pub").contains("publish_via_partition_root = true");
        });
        MaintainResult r = pgpart.maintain(MaintainOptions.defaults());

        assertThat(r.results()).filteredOn(x -> x.action().partition().name().equals("orders_p20261201"))
                .singleElement().satisfies(x -> assertThat(x.outcome()).isEqualTo(Outcome.FAILED));
        assertThat(pub.queryLong("SELECT count(*) FROM orders_default")).isEqualTo(1);
    }

    /** Waits for the subscriber to apply what was committed; the timeout bounds a broken replica. */
    private static void awaitRows(Db sub, List<String> ids) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        List<String> seen = List.of();
        while (System.nanoTime() < deadline) {
            seen = sub.queryStrings("SELECT id::text FROM orders ORDER BY id");
            if (seen.equals(ids)) {
                return;
            }
            Thread.onSpinWait();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        assertThat(seen).as("rows on the subscriber").isEqualTo(ids);
    }
}
