package dev.pgpart.citus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpart.api.MaintainOptions;
import dev.pgpart.api.MaintainResult;
import dev.pgpart.api.Outcome;
import dev.pgpart.api.Pgpart;
import dev.pgpart.plan.DropPartition;
import dev.pgpart.spec.SpecLoader;
import dev.pgpart.test.Db;
import dev.pgpart.test.citus.CitusCluster;
import dev.pgpart.test.citus.CitusDb;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** maintain through the Java API on distributed partitioned tables of a real Citus cluster. */
@Tag("citus")
@Timeout(180)
class CitusMaintainIT {
    static final String NOW = "2026-11-22T10:15:00Z";

    static Pgpart pgpart(Db db, String yaml) {
        return Pgpart.builder(db.dataSource()).spec(SpecLoader.parse(yaml, "pgpart.yml"))
                .clock(Clock.fixed(Instant.parse(NOW), ZoneOffset.UTC)).build();
    }

    static void distributedEvents(Db db, String table) {
        db.exec("CREATE TABLE " + table + " (id bigint, ts timestamptz NOT NULL, tenant int NOT NULL) PARTITION BY RANGE (ts)",
                "CREATE TABLE " + table + "_default PARTITION OF " + table + " DEFAULT",
                "SELECT create_distributed_table('" + table + "', 'tenant', shard_count => 4)");
    }

    @Test
    void rowsWaitingInTheDefaultMoveIntoNewPartitionsDistributedNextToTheParentNotOntoTheCoordinator() {
        CitusDb cluster = CitusCluster.newDatabase("create_default");
        Db db = cluster.coordinator();
        distributedEvents(db, "events");
        db.exec("INSERT INTO events SELECT g, timestamptz '2026-12-01 00:00+00' + g * interval '1 hour', g % 7"
                + " FROM generate_series(0, 999) g");
        Pgpart pgpart = pgpart(db, """
                tables:
                  events: { interval: 1 month, premake: 2, default_partition: true }
                """);

        MaintainResult r = pgpart.maintain(MaintainOptions.defaults());

        assertThat(r.hasFailures()).as(r.results().toString()).isFalse();
        assertThat(r.rowsMoved()).isEqualTo(1000);
        assertThat(db.partitionsOf("events")).containsExactly("events_default", "events_p20261101", "events_p20261201",
                "events_p20270101");
        assertThat(db.queryLong("SELECT count(*) FROM events_default")).isZero();
        assertThat(db.queryLong("SELECT count(*) FROM events_p20261201")).isEqualTo(744);
        assertThat(db.queryLong("SELECT count(*) FROM events_p20270101")).isEqualTo(256);
        assertThat(db.queryLong("SELECT count(DISTINCT colocationid) FROM pg_dist_partition"
                + " WHERE logicalrelid::text LIKE 'events%'")).isEqualTo(1);
        assertThat(db.queryLong("SELECT count(*) FROM pg_dist_partition WHERE logicalrelid::text LIKE 'events%'")).isEqualTo(5);
        // the coordinator's shell tables hold nothing: every moved row is in a worker's shard
        assertThat(db.queryLong("SELECT sum(pg_relation_size(c.oid)) FROM pg_class c WHERE c.relname LIKE 'events_p%'"))
                .isZero();
        assertThat(pgpart.maintain(MaintainOptions.defaults()).results()).isEmpty();
    }

    @Test
    void subPartitioningADistributedTableIsAConfigProblemNamingTheTable() {
        CitusDb cluster = CitusCluster.newDatabase("subpartition");
        Db db = cluster.coordinator();
        distributedEvents(db, "events");
        Pgpart pgpart = pgpart(db, """
                tables:
                  events: { interval: 1 month, premake: 2, subpartition: { key: id, hash: { modulus: 2 } } }
                """);

        assertThat(pgpart.validate()).singleElement().satisfies(p -> assertThat(p.message())
                .contains("public.events is distributed by Citus (distributed by tenant, 4 shards)",
                        "does not support sub-partitioning", "remove subpartition:"));
        org.assertj.core.api.Assertions.assertThatThrownBy(pgpart::plan).isInstanceOf(dev.pgpart.spec.ConfigException.class)
                .hasMessageContaining("public.events is distributed by Citus");
        assertThat(db.partitionsOf("events")).containsExactly("events_default");
    }

    @Test
    void theGuidesConfigurationExampleIsValidOnADistributedTable() throws Exception {
        String guide = java.nio.file.Files.readString(java.nio.file.Path.of("../docs/guide-citus.md"));
        String yaml = guide.substring(guide.indexOf("```yaml\n") + 8, guide.indexOf("```", guide.indexOf("```yaml\n") + 8));
        CitusDb cluster = CitusCluster.newDatabase("guide");
        Db db = cluster.coordinator();
        distributedEvents(db, "events");

        Pgpart pgpart = pgpart(db, yaml);

        assertThat(pgpart.validate()).isEmpty();
        assertThat(pgpart.maintain(MaintainOptions.defaults()).hasFailures()).isFalse();
    }

    @Test
    void retentionDropsExpiredPartitionsWithAPlainDetachOnlyWithConsent() {
        CitusDb cluster = CitusCluster.newDatabase("retention");
        Db db = cluster.coordinator();
        db.exec("CREATE TABLE metrics (id bigint, ts timestamptz NOT NULL, tenant int NOT NULL) PARTITION BY RANGE (ts)",
                "SELECT create_distributed_table('metrics', 'tenant', shard_count => 4)");
        Pgpart june = Pgpart.builder(db.dataSource()).spec(SpecLoader.parse("""
                tables:
                  metrics: { interval: 1 month, premake: 6, retention: 3 months, on_expiry: drop }
                """, "pgpart.yml")).clock(Clock.fixed(Instant.parse("2026-06-20T00:00:00Z"), ZoneOffset.UTC)).build();
        assertThat(june.maintain(MaintainOptions.defaults()).hasFailures()).isFalse();
        db.exec("INSERT INTO metrics VALUES (1, '2026-06-15 00:00+00', 1), (2, '2026-11-15 00:00+00', 2)");
        Pgpart later = Pgpart.builder(db.dataSource()).spec(june.spec())
                .clock(Clock.fixed(Instant.parse("2027-01-10T00:00:00Z"), ZoneOffset.UTC)).build();

        MaintainResult withoutConsent = later.maintain(MaintainOptions.defaults());
        assertThat(withoutConsent.results()).filteredOn(x -> x.action() instanceof DropPartition)
                .isNotEmpty().allSatisfy(x -> assertThat(x.outcome()).isEqualTo(Outcome.SKIPPED));
        assertThat(db.partitionsOf("metrics")).contains("metrics_p20260601");

        MaintainResult withConsent = later.maintain(MaintainOptions.defaults().withConsent(true));

        assertThat(withConsent.hasFailures()).as(withConsent.results().toString()).isFalse();
        assertThat(withConsent.results()).filteredOn(x -> x.action() instanceof DropPartition)
                .extracting(x -> ((DropPartition) x.action()).concurrently()).isNotEmpty().containsOnly(false);
        assertThat(db.partitionsOf("metrics")).startsWith("metrics_p20261001", "metrics_p20261101", "metrics_p20261201")
                .doesNotContain("metrics_p20260601", "metrics_p20260701", "metrics_p20260801", "metrics_p20260901");
        assertThat(db.queryLong("SELECT count(*) FROM pg_class WHERE relname = 'metrics_p20260601'")).isZero();
        assertThat(db.queryLong("SELECT count(*) FROM metrics")).isEqualTo(1);
    }
}
