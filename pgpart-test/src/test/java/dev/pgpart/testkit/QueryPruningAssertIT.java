package dev.pgpart.testkit;

import static dev.pgpart.testkit.PartitionAssertions.assertThatQuery;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgpart.guard.PartitionLimits;
import dev.pgpart.sql.QualifiedName;
import dev.pgpart.testkit.examples.ExampleDatabase;
import java.time.LocalDate;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class QueryPruningAssertIT {
    private static DataSource db;

    @BeforeAll
    static void database() {
        db = ExampleDatabase.create();
    }

    @Test
    void passesWhenTheKeyPrunesToOnePartition() {
        assertThatQuery(db, "SELECT * FROM events WHERE day = ?", LocalDate.parse("2026-01-10")).scansAtMostPartitions(1);
    }

    @Test
    void failsWithThePlanLinesAndTheScannedPartitionsWhenTheKeyIsBehindACast() {
        assertThatThrownBy(() -> assertThatQuery(db, "SELECT * FROM events WHERE day::text = ?", "2026-01-10")
                .scansAtMostPartitions(1))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("SELECT * FROM events WHERE day::text = ?")
                .hasMessageContaining("values: '2026-01-10'")
                .hasMessageContaining("public.events: scans 4 of 4 partitions (limit 1)")
                .hasMessageContaining("scanned: public.events_2026_01, public.events_2026_02, public.events_2026_03, public.events_default")
                .hasMessageContaining("Seq Scan on public.events_2026_02")
                .hasMessageContaining("Filter: ((events_2.day)::text = '2026-01-10'");
    }

    @Test
    void aPerTableLimitLetsADeliberateRangeScanPass() {
        assertThatQuery(db, "SELECT * FROM events WHERE day >= ? AND day < ?", LocalDate.parse("2026-01-01"),
                LocalDate.parse("2026-03-01")).within(PartitionLimits.of(1).with(QualifiedName.of("public", "events"), 2));
    }

    @Test
    void whenRunJudgesTheExecutedPlanAndChangesNothing() {
        assertThatQuery(db, "DELETE FROM events WHERE day = ?", LocalDate.parse("2026-01-05")).whenRun()
                .scansAtMostPartitions(1);
        assertThatQuery(db, "SELECT * FROM events WHERE day = '2026-01-05'").scansAtMostPartitions(1);
        org.assertj.core.api.Assertions.assertThat(new dev.pgpart.test.Db(db).queryLong("SELECT count(*) FROM events")).isEqualTo(3);
    }
}
