package dev.pgpart.citus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpart.api.MaintainOptions;
import dev.pgpart.api.Pgpart;
import dev.pgpart.plan.Distributed;
import dev.pgpart.plan.Finding;
import dev.pgpart.plan.TableStatus;
import dev.pgpart.test.Db;
import dev.pgpart.test.citus.CitusCluster;
import dev.pgpart.test.citus.CitusDb;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** status and check on distributed partitioned tables of a real Citus cluster. */
@Tag("citus")
@Timeout(180)
class CitusStatusIT {
    static final String CONFIG = """
            tables:
              events: { interval: 1 month, premake: 2, default_partition: true }
            """;

    @Test
    void statusShowsTheDistributionColumnShardCountAndTheSizeOfTheShardsOnTheWorkers() {
        CitusDb cluster = CitusCluster.newDatabase("status");
        Db db = cluster.coordinator();
        CitusMaintainIT.distributedEvents(db, "events");
        Pgpart pgpart = CitusMaintainIT.pgpart(db, CONFIG);
        assertThat(pgpart.maintain(MaintainOptions.defaults()).hasFailures()).isFalse();
        db.exec("INSERT INTO events SELECT g, timestamptz '2026-11-01 00:00+00' + g * interval '1 minute', g % 7"
                + " FROM generate_series(0, 19999) g");
        long shards = db.queryLong("SELECT sum(citus_total_relation_size(logicalrelid)) FROM pg_dist_partition"
                + " WHERE logicalrelid::text LIKE 'events\\_%'");

        TableStatus status = pgpart.status(Optional.empty()).get(0);

        assertThat(status.distribution()).contains(new Distributed(Optional.of("tenant"), 4,
                (int) db.queryLong("SELECT colocationid FROM pg_dist_partition WHERE logicalrelid = 'events'::regclass")));
        assertThat(status.totalBytes()).isEqualTo(shards).isGreaterThan(1_000_000);
        assertThat(status.distribution().orElseThrow().describe()).isEqualTo("distributed by tenant, 4 shards");
    }

    @Test
    void checkReportsAPartitionMovedOutOfTheParentsColocationGroupWithTheStatementThatPutsItBack() {
        CitusDb cluster = CitusCluster.newDatabase("colocation");
        Db db = cluster.coordinator();
        CitusMaintainIT.distributedEvents(db, "events");
        Pgpart pgpart = CitusMaintainIT.pgpart(db, CONFIG);
        assertThat(pgpart.maintain(MaintainOptions.defaults()).hasFailures()).isFalse();
        assertThat(pgpart.check()).isEmpty();
        // Citus refuses to ATTACH a table distributed elsewhere; moving an attached one out is what it allows
        db.exec("SELECT update_distributed_table_colocation('events_p20261201', colocate_with => 'none')");

        List<Finding> findings = pgpart.check();

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(Finding.Kind.NOT_COLOCATED);
            assertThat(f.severity()).isEqualTo(Finding.Severity.PROBLEM);
            assertThat(f.message()).contains("partition public.events_p20261201 is not co-located with its parent"
                    + " public.events (distributed by tenant, 4 shards", "Nothing was changed",
                    "SELECT update_distributed_table_colocation('\"public\".\"events_p20261201\"',"
                            + " colocate_with => '\"public\".\"events\"');",
                    "alter_distributed_table('\"public\".\"events_p20261201\"', shard_count => 4");
        });
        // the statement the finding names, as it names it
        String fix = findings.get(0).message().replaceAll("(?s).*Run (SELECT update_distributed_table_colocation\\(.*?\\));.*", "$1");
        db.exec(fix);
        assertThat(pgpart.check()).isEmpty();
    }
}
