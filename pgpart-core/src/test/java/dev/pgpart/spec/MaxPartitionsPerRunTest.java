package dev.pgpart.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The per-run cap: a top-level default, a per-table override, and what is refused. */
class MaxPartitionsPerRunTest {

    private static int capOf(Spec spec, String table) {
        return spec.tables().stream().filter(t -> t.table().name().equals(table)).findFirst().orElseThrow()
                .maxPartitionsPerRun();
    }

    @Test
    void withoutTheKeyEveryTableMayCreate500PartitionsPerRun() {
        Spec spec = SpecLoader.parse("tables: {orders: {interval: 1 month}}", "pgpart.yml");
        assertThat(capOf(spec, "orders")).isEqualTo(TableSpec.DEFAULT_MAX_PARTITIONS_PER_RUN).isEqualTo(500);
    }

    @Test
    void theTopLevelValueIsTheDefaultAndATableMayOverrideIt() {
        Spec spec = SpecLoader.parse("""
                max_partitions_per_run: 40
                tables:
                  orders: {interval: 1 month}
                  events: {interval: 1000, max_partitions_per_run: 7}
                """, "pgpart.yml");
        assertThat(capOf(spec, "orders")).isEqualTo(40);
        assertThat(capOf(spec, "events")).isEqualTo(7);
    }

    @Test
    void theJavaBuilderSetsTheSameKeys() {
        Spec spec = SpecBuilder.create().maxPartitionsPerRun(40)
                .range("orders", r -> r.interval("1 month"))
                .range("events", r -> r.interval("1000").maxPartitionsPerRun(7)).build();
        assertThat(capOf(spec, "orders")).isEqualTo(40);
        assertThat(capOf(spec, "events")).isEqualTo(7);
    }

    @Test
    void zeroIsRefusedBecauseNoPartitionCouldEverBeCreated() {
        assertThatThrownBy(() -> SpecLoader.parse("max_partitions_per_run: 0\ntables: {orders: {interval: 1 month}}",
                "pgpart.yml")).isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).singleElement()
                .satisfies(p -> assertThat(p.toString()).contains("max_partitions_per_run is 0, outside 1..100000")));
    }

    @Test
    void onAListTableTheKeyIsReportedAsARangeOption() {
        assertThatThrownBy(() -> SpecLoader.parse("tables: {r: {list: {eu: [EU]}, max_partitions_per_run: 5}}",
                "pgpart.yml")).isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).singleElement()
                .satisfies(p -> assertThat(p.toString()).contains("max_partitions_per_run applies to RANGE tables")));
    }
}
