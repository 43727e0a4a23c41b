package dev.pgpart.plan;

import static dev.pgpart.plan.Fx.at;
import static dev.pgpart.plan.Fx.every;
import static dev.pgpart.plan.Fx.range;
import static dev.pgpart.plan.Fx.spec;
import static dev.pgpart.plan.Fx.table;
import static dev.pgpart.plan.P.creates;
import static dev.pgpart.plan.P.findings;
import static dev.pgpart.plan.P.kinds;
import static dev.pgpart.plan.P.plan;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpart.internal.catalog.Catalog;
import dev.pgpart.internal.catalog.KeyType;
import dev.pgpart.spec.IdEncoding;
import dev.pgpart.spec.Interval;
import dev.pgpart.spec.Interval.Unit;
import dev.pgpart.spec.RangePolicy;
import dev.pgpart.spec.TableSpec;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rows waiting in the default that the plan must not follow blindly, and the per-run cap. */
class DefaultRowsAndCapTest {
    private static final RangePolicy MONTHLY = range(every(1, Unit.MONTH), 2);
    private static final TableSpec WITH_DEFAULT = Fx.withDefault(spec(MONTHLY));

    private static List<Finding> problems(TablePlan tp) {
        return tp.findings().stream().filter(f -> f.severity() == Finding.Severity.PROBLEM).toList();
    }

    @Test
    void nullKeyRowsAreReportedOnTheirOwnAndTheOthersAreCountedWithoutThem() {
        var t = table(KeyType.DATE).withDefault(3, 2, "2026-12-05", "2026-12-05").build();
        TablePlan tp = plan(WITH_DEFAULT, t, at("2026-11-22T10:00:00"));
        List<CreatePartition> cs = tp.actions().stream().map(a -> (CreatePartition) a).toList();
        assertThat(cs).extracting(c -> c.partition().name() + "=" + c.rowsFromDefault().known().orElseThrow())
                .containsExactly("orders_p20261101=0", "orders_p20261201=1", "orders_p20270101=0");
        assertThat(problems(tp)).isEmpty();
        assertThat(findings(tp, Finding.Kind.ROWS_IN_DEFAULT)).extracting(Finding::message).satisfiesExactly(
                nulls -> assertThat(nulls).contains("2 rows whose key k is NULL", "can never hold NULL",
                        "stay in the default", "default_partition: true"),
                keyed -> assertThat(keyed).contains("1 rows with a key", "from 2026-12-05 to 2026-12-05",
                        "maintain moves them out"));
    }

    @Test
    void aDefaultHoldingOnlyNullKeysIsANoteAndNotAnUnknownRangeToPartitionByHand() {
        var t = table(KeyType.DATE).withDefault(2, 2, null, null)
                .range("orders_p20261101", "2026-11-01", "2026-12-01").range("orders_p20261201", "2026-12-01", "2027-01-01")
                .range("orders_p20270101", "2027-01-01", "2027-02-01").build();
        TablePlan tp = plan(WITH_DEFAULT, t, at("2026-11-22T10:00:00"));
        assertThat(tp.actions()).isEmpty();
        assertThat(kinds(tp)).containsExactly("ROWS_IN_DEFAULT/NOTE");
        assertThat(tp.findings().get(0).message()).contains("2 rows whose key k is NULL");
    }

    @Test
    void aTypoYearInTheDefaultIsAnOutlierReportedInsteadOfPlanningThousandsOfPartitions() {
        var t = table(KeyType.DATE).withDefault(3, "2026-12-05", "2226-12-05").build();
        TablePlan tp = plan(WITH_DEFAULT, t, at("2026-11-22T10:00:00"));
        assertThat(creates(tp)).containsExactly("orders_p20261101 [2026-11-01, 2026-12-01)",
                "orders_p20261201 [2026-12-01, 2027-01-01)", "orders_p20270101 [2027-01-01, 2027-02-01)");
        assertThat(findings(tp, Finding.Kind.ROWS_IN_DEFAULT)).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Finding.Severity.PROBLEM);
            assertThat(f.message()).contains("default partition public.orders_default", "2226-12-05 is an outlier",
                    "2399 partitions beyond the premake horizon (2027-02-01)", "max_partitions_per_run (500)",
                    "fix or delete them", "pgpart partition add");
        });
    }

    @Test
    void rowsAFewPartitionsBeyondTheHorizonAreStillFollowed() {
        var t = table(KeyType.DATE).withDefault(3, "2026-12-05", "2027-06-05").build();
        TablePlan tp = plan(WITH_DEFAULT, t, at("2026-11-22T10:00:00"));
        assertThat(creates(tp)).hasSize(8).last().asString().startsWith("orders_p20270601");
        assertThat(problems(tp)).isEmpty();
    }

    @Test
    void aV4UuidInAUuidv7DefaultIsAnOutlierAndTheCurrentMonthIsStillCreatedWithoutWrapping() {
        RangePolicy p = Fx.encoded(range(every(1, Unit.MONTH), 0), new IdEncoding.UuidV7());
        var t = table(KeyType.UUID).withDefault(2, "018d242a-c800-7000-8000-000000000001",
                "f47ac10b-58cc-4372-a567-0e02b2c3d479").build();
        TablePlan tp = plan(Fx.withDefault(spec(p)), t, at("2024-01-15T10:00:00"));
        assertThat(creates(tp)).containsExactly(
                "orders_p20240101 [018cc251-f400-0000-0000-000000000000, 018d61f7-1800-0000-0000-000000000000)");
        assertThat(findings(tp, Finding.Kind.DRIFT)).isEmpty();
        assertThat(findings(tp, Finding.Kind.ROWS_IN_DEFAULT)).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Finding.Severity.PROBLEM);
            assertThat(f.message()).contains("f47ac10b-58cc-4372-a567-0e02b2c3d479 is an outlier",
                    "version-4 uuid, not version 7");
        });
    }

    @Test
    void aNumericTypoIdIsAnOutlierWhileTheRealRowsBeyondTheLastPartitionAreFollowed() {
        var t = table(KeyType.INTEGER).highest("3500").range("orders_p0", "0", "4000")
                .withDefault(2, "5200", "999999999999").build();
        TablePlan tp = plan(Fx.withDefault(spec(range(new Interval.Numeric(new BigDecimal("1000")), 1))), t,
                at("2024-01-01T00:00:00"));
        assertThat(creates(tp)).containsExactly("orders_p4000 [4000, 5000)", "orders_p5000 [5000, 6000)",
                "orders_p6000 [6000, 7000)");
        assertThat(findings(tp, Finding.Kind.ROWS_IN_DEFAULT)).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("999999999999 is an outlier"));
    }

    @Test
    void theCapCreatesTheCurrentSlotThenAheadThenTheNearestBackfillAndTheNextRunContinuesTowardStart() {
        TableSpec s = Fx.capped(spec(Fx.startingAt(MONTHLY, "2000-01-01T00:00")), 10);
        Catalog before = Fx.catalog(table(KeyType.DATE).build());
        Plan first = new Planner().plan(Fx.specOf(s), before, at("2024-01-15T00:00:00"));
        TablePlan tp = first.tables().get(0);
        assertThat(creates(tp)).hasSize(10).extracting(c -> c.substring(0, c.indexOf(' '))).containsExactly(
                "orders_p20230601", "orders_p20230701", "orders_p20230801", "orders_p20230901", "orders_p20231001",
                "orders_p20231101", "orders_p20231201", "orders_p20240101", "orders_p20240201", "orders_p20240301");
        assertThat(findings(tp, Finding.Kind.CAPPED)).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Finding.Severity.NOTE);
            assertThat(f.message()).contains("creates 10 of the 291", "max_partitions_per_run is 10",
                    "the other 281 (from 2000-01-01 to 2023-06-01)");
        });
        assertThat(problems(tp)).isEmpty();

        TablePlan second = P.plan(s, Fx.apply(before, first), at("2024-01-15T00:00:00"));
        assertThat(creates(second)).hasSize(10).first().asString().startsWith("orders_p20220801");
        assertThat(creates(second)).last().asString().startsWith("orders_p20230501");
    }

    @Test
    void aHoleJustBeyondThePremakeHorizonIsANoteSayingALaterRunCreatesIt() {
        var t = table(KeyType.DATE).range("orders_p20240101", "2024-01-01", "2024-02-01")
                .range("orders_p20240601", "2024-06-01", "2024-07-01").build();
        TablePlan tp = plan(spec(MONTHLY), t, at("2024-01-15T00:00:00"));
        assertThat(creates(tp)).hasSize(2);
        assertThat(findings(tp, Finding.Kind.GAP)).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Finding.Severity.NOTE);
            assertThat(f.message()).contains("FROM ('2024-04-01') TO ('2024-06-01')", "beyond the premake horizon"
                    + " (2024-04-01)", "a later run creates it").doesNotContain("below start");
        });
    }
}
