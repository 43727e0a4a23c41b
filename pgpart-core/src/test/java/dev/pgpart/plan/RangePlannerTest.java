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

import dev.pgpart.api.Bound;
import dev.pgpart.internal.catalog.KeyType;
import dev.pgpart.spec.IdEncoding;
import dev.pgpart.spec.Interval;
import dev.pgpart.spec.Interval.Unit;
import dev.pgpart.spec.RangePolicy;
import dev.pgpart.spec.Start;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class RangePlannerTest {
    private static final RangePolicy MONTHLY = range(every(1, Unit.MONTH), 2);

    @Test
    void anEmptyTableGetsTheCurrentSlotAndPremakeMore() {
        TablePlan tp = plan(spec(MONTHLY), table(KeyType.TIMESTAMPTZ).build(), at("2024-01-15T00:00:00"));
        assertThat(creates(tp)).containsExactly(
                "orders_p20240101 [2024-01-01 00:00:00+00, 2024-02-01 00:00:00+00)",
                "orders_p20240201 [2024-02-01 00:00:00+00, 2024-03-01 00:00:00+00)",
                "orders_p20240301 [2024-03-01 00:00:00+00, 2024-04-01 00:00:00+00)");
        assertThat(tp.findings()).isEmpty();
    }

    @Test
    void aMissedRunCatchesUpWithEveryMissingSlot() {
        var t = table(KeyType.DATE).range("orders_p20230101", "2023-01-01", "2023-02-01").build();
        TablePlan tp = plan(spec(range(every(1, Unit.MONTH), 1)), t, at("2023-06-15T00:00:00"));
        assertThat(creates(tp)).extracting(s -> s.substring(0, s.indexOf(' '))).containsExactly("orders_p20230201",
                "orders_p20230301", "orders_p20230401", "orders_p20230501", "orders_p20230601", "orders_p20230701");
        assertThat(tp.findings()).isEmpty();
    }

    @Test
    void aHandMadePartitionWithTheSameBoundsIsPresentWhateverItsName() {
        var t = table(KeyType.DATE).range("jan_by_hand", "2024-01-01", "2024-02-01").build();
        TablePlan tp = plan(spec(range(every(1, Unit.MONTH), 1)), t, at("2024-01-15T00:00:00"));
        assertThat(creates(tp)).containsExactly("orders_p20240201 [2024-02-01, 2024-03-01)");
    }

    @Test
    void aYearlyPartitionCoversTheMonthlySlotsInsideIt() {
        var t = table(KeyType.DATE).range("orders_2024", "2024-01-01", "2025-01-01").build();
        TablePlan tp = plan(spec(MONTHLY), t, at("2024-03-01T00:00:00"));
        assertThat(tp.actions()).isEmpty();
        assertThat(tp.findings()).isEmpty();
    }

    @Test
    void anOverlappingPartitionIsAConflictNamingBothAndTheRestStillRuns() {
        var t = table(KeyType.DATE).range("orders_odd", "2024-01-15", "2024-02-15")
                .range("orders_p20240301", "2024-03-01", "2024-04-01").build();
        TablePlan tp = plan(spec(MONTHLY), t, at("2024-01-20T00:00:00"));
        assertThat(creates(tp)).isEmpty();
        assertThat(findings(tp, Finding.Kind.CONFLICT)).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Finding.Severity.PROBLEM);
            assertThat(f.message()).contains("orders_p20240201", "'2024-02-01'", "'2024-03-01'",
                    "orders_odd", "'2024-01-15'", "'2024-02-15'");
        });
        assertThat(findings(tp, Finding.Kind.GAP)).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("'2024-02-15'", "'2024-03-01'"));
    }

    @Test
    void aHighestPartitionEndingOffTheGridIsBridgedToTheNextBoundaryInsteadOfLeavingAHole() {
        var t = table(KeyType.DATE).range("orders_odd", "2024-01-15", "2024-02-15").build();
        TablePlan tp = plan(spec(MONTHLY), t, at("2024-01-20T00:00:00"));
        assertThat(creates(tp)).containsExactly("orders_p20240201 [2024-02-15, 2024-03-01)",
                "orders_p20240301 [2024-03-01, 2024-04-01)");
        assertThat(findings(tp, Finding.Kind.CONFLICT)).isEmpty();
        assertThat(findings(tp, Finding.Kind.GAP)).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Finding.Severity.NOTE);
            assertThat(f.message()).contains("orders_odd ends at 2024-02-15", "bridges", "FROM ('2024-02-15') TO ('2024-03-01')");
        });
    }

    @Test
    void aHoleBetweenPartitionsIsFilledWithoutAFinding() {
        var t = table(KeyType.DATE).range("a", "2024-01-01", "2024-02-01").range("c", "2024-03-01", "2024-04-01").build();
        TablePlan tp = plan(spec(MONTHLY), t, at("2024-01-15T00:00:00"));
        assertThat(creates(tp)).containsExactly("orders_p20240201 [2024-02-01, 2024-03-01)");
        assertThat(tp.findings()).isEmpty();
    }

    @Test
    void aHoleBelowStartIsReportedAsAGap() {
        var t = table(KeyType.DATE).range("a", "2024-01-01", "2024-02-01").range("d", "2024-04-01", "2024-05-01").build();
        RangePolicy p = Fx.startingAt(range(every(1, Unit.MONTH), 0), "2024-03-01T00:00");
        TablePlan tp = plan(spec(p), t, at("2024-04-10T00:00:00"));
        assertThat(creates(tp)).containsExactly("orders_p20240301 [2024-03-01, 2024-04-01)");
        assertThat(findings(tp, Finding.Kind.GAP)).singleElement().satisfies(f -> assertThat(f.message())
                .contains("FROM ('2024-02-01') TO ('2024-03-01')", "inserting rows there fails"));
    }

    @Test
    void nothingIsCreatedBelowStart() {
        RangePolicy p = Fx.startingAt(range(every(1, Unit.MONTH), 3), "2024-03-01T00:00");
        TablePlan tp = plan(spec(p), table(KeyType.DATE).build(), at("2024-01-15T00:00:00"));
        assertThat(creates(tp)).containsExactly("orders_p20240301 [2024-03-01, 2024-04-01)",
                "orders_p20240401 [2024-04-01, 2024-05-01)");
    }

    @Test
    void aStartInsideASlotMakesTheNextSlotTheFirst() {
        RangePolicy p = Fx.startingAt(range(every(1, Unit.MONTH), 1), "2024-01-10T00:00");
        TablePlan tp = plan(spec(p), table(KeyType.DATE).build(), at("2024-01-15T00:00:00"));
        assertThat(creates(tp)).containsExactly("orders_p20240201 [2024-02-01, 2024-03-01)");
    }

    @Test
    void aPastStartFillsFromStartToNow() {
        RangePolicy p = Fx.startingAt(range(every(1, Unit.MONTH), 0), "2023-11-01T00:00");
        TablePlan tp = plan(spec(p), table(KeyType.DATE).build(), at("2024-01-15T00:00:00"));
        assertThat(creates(tp)).hasSize(3).first().asString().startsWith("orders_p20231101");
    }

    @Test
    void rowsWaitingInTheDefaultStretchThePlanUpToTheirSlot() {
        var t = table(KeyType.DATE).withDefault(7, "2024-04-03", "2024-04-20").build();
        TablePlan tp = plan(spec(range(every(1, Unit.MONTH), 1)), t, at("2024-01-15T00:00:00"));
        List<CreatePartition> cs = tp.actions().stream().map(a -> (CreatePartition) a).toList();
        assertThat(cs).extracting(c -> c.partition().name()).containsExactly("orders_p20240101", "orders_p20240201",
                "orders_p20240301", "orders_p20240401");
        assertThat(cs).extracting(CreatePartition::rowsFromDefault).containsExactly(DefaultRows.none(), DefaultRows.none(),
                DefaultRows.none(), DefaultRows.exactly(7));
        assertThat(cs).allMatch(CreatePartition::defaultExists);
        assertThat(findings(tp, Finding.Kind.ROWS_IN_DEFAULT)).singleElement()
                .satisfies(f -> assertThat(f.severity()).isEqualTo(Finding.Severity.NOTE));
        assertThat(findings(tp, Finding.Kind.DRIFT)).singleElement()
                .satisfies(f -> assertThat(f.severity()).isEqualTo(Finding.Severity.NOTE));
    }

    @Test
    void rowsSpreadOverSlotsMoveAnUnknownCountIntoEach() {
        var t = table(KeyType.DATE).withDefault(7, "2024-01-20", "2024-02-03").build();
        TablePlan tp = plan(Fx.withDefault(spec(range(every(1, Unit.MONTH), 1))), t, at("2024-01-15T00:00:00"));
        assertThat(tp.actions()).extracting(a -> ((CreatePartition) a).rowsFromDefault()).containsExactly(DefaultRows.unknown(),
                DefaultRows.unknown());
        assertThat(kinds(tp)).containsExactly("ROWS_IN_DEFAULT/NOTE");
    }

    @Test
    void rowsInTheDefaultBelowStartStayThereAsAProblem() {
        RangePolicy p = Fx.startingAt(range(every(1, Unit.MONTH), 0), "2023-10-01T00:00");
        var t = table(KeyType.DATE).withDefault(5, "2023-08-05", "2024-01-02").build();
        TablePlan tp = plan(Fx.withDefault(spec(p)), t, at("2024-01-15T00:00:00"));
        assertThat(creates(tp)).hasSize(4).first().asString().startsWith("orders_p20231001");
        assertThat(findings(tp, Finding.Kind.ROWS_IN_DEFAULT)).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Finding.Severity.PROBLEM);
            assertThat(f.message()).contains("5 rows", "2023-08-05", "2024-01-02");
        });
    }

    @Test
    void startBelowTheLowestPartitionBackfillsDownToStartAndCoversRowsWaitingThere() {
        RangePolicy p = Fx.startingAt(range(every(1, Unit.MONTH), 0), "2023-10-01T00:00");
        var t = table(KeyType.DATE).withDefault(5, "2023-11-05", "2023-11-06")
                .range("orders_p20240101", "2024-01-01", "2024-02-01").build();
        TablePlan tp = plan(Fx.withDefault(spec(p)), t, at("2024-01-15T00:00:00"));
        assertThat(creates(tp)).containsExactly("orders_p20231001 [2023-10-01, 2023-11-01)",
                "orders_p20231101 [2023-11-01, 2023-12-01)", "orders_p20231201 [2023-12-01, 2024-01-01)");
        assertThat(kinds(tp)).containsExactly("ROWS_IN_DEFAULT/NOTE");
    }

    @Test
    void aWantedDefaultPartitionIsCreatedAfterTheRanges() {
        TablePlan tp = plan(Fx.withDefault(spec(range(every(1, Unit.MONTH), 0))), table(KeyType.DATE).build(),
                at("2024-01-15T00:00:00"));
        assertThat(tp.actions()).hasSize(2);
        assertThat(tp.actions().get(1)).isEqualTo(new CreateDefaultPartition(Fx.ORDERS, Fx.ORDERS.sibling("orders_default")));
    }

    @Test
    void hourlyPartitionsSkipTheHourThatDoesNotExistInASpringForwardAndStillMakePremakeAhead() {
        RangePolicy p = Fx.zoned(range(every(1, Unit.HOUR), 3), ZoneId.of("America/New_York"));
        TablePlan tp = plan(spec(p), table(KeyType.TIMESTAMPTZ).build(), at("2024-03-10T05:30:00"));
        assertThat(creates(tp)).containsExactly(
                "orders_p20240310_000000 [2024-03-10 05:00:00+00, 2024-03-10 06:00:00+00)",
                "orders_p20240310_010000 [2024-03-10 06:00:00+00, 2024-03-10 07:00:00+00)",
                "orders_p20240310_030000 [2024-03-10 07:00:00+00, 2024-03-10 08:00:00+00)",
                "orders_p20240310_040000 [2024-03-10 08:00:00+00, 2024-03-10 09:00:00+00)");
    }

    @Test
    void hourlyPartitionsGiveTheRepeatedFallBackHourTwoHoursOfRows() {
        RangePolicy p = Fx.zoned(range(every(1, Unit.HOUR), 2), ZoneId.of("America/New_York"));
        TablePlan tp = plan(spec(p), table(KeyType.TIMESTAMPTZ).build(), at("2024-11-03T04:30:00"));
        assertThat(creates(tp)).containsExactly(
                "orders_p20241103_000000 [2024-11-03 04:00:00+00, 2024-11-03 05:00:00+00)",
                "orders_p20241103_010000 [2024-11-03 05:00:00+00, 2024-11-03 07:00:00+00)",
                "orders_p20241103_020000 [2024-11-03 07:00:00+00, 2024-11-03 08:00:00+00)");
    }

    @Test
    void dailyTimestampPartitionsUseLocalWallClockWithoutZoneConversion() {
        RangePolicy p = Fx.zoned(range(every(1, Unit.DAY), 1), ZoneId.of("Asia/Kolkata"));
        TablePlan tp = plan(spec(p), table(KeyType.TIMESTAMP).build(), at("2024-02-28T20:00:00"));
        assertThat(creates(tp)).containsExactly("orders_p20240229 [2024-02-29 00:00:00, 2024-03-01 00:00:00)",
                "orders_p20240301 [2024-03-01 00:00:00, 2024-03-02 00:00:00)");
    }

    @Test
    void numericSlotsFollowTheHighestKey() {
        var t = table(KeyType.INTEGER).highest("2500").build();
        TablePlan tp = plan(spec(range(new Interval.Numeric(new BigDecimal("1000")), 2)), t, at("2024-01-01T00:00:00"));
        assertThat(creates(tp)).containsExactly("orders_p2000 [2000, 3000)", "orders_p3000 [3000, 4000)",
                "orders_p4000 [4000, 5000)");
    }

    @Test
    void negativeNumericSlotsFloorTowardsMinusInfinity() {
        var t = table(KeyType.NUMERIC).highest("-1500.5").build();
        TablePlan tp = plan(spec(range(new Interval.Numeric(new BigDecimal("1000")), 2)), t, at("2024-01-01T00:00:00"));
        assertThat(creates(tp)).containsExactly("orders_p-2000 [-2000, -1000)", "orders_p-1000 [-1000, 0)",
                "orders_p0 [0, 1000)");
    }

    @Test
    void numericSlotsWithoutDataStartAtStart() {
        RangePolicy p = Fx.startingAt(range(new Interval.Numeric(new BigDecimal("1000")), 1),
                new Start.AtValue(new BigDecimal("5000")));
        TablePlan tp = plan(spec(p), table(KeyType.INTEGER).build(), at("2024-01-01T00:00:00"));
        assertThat(creates(tp)).containsExactly("orders_p5000 [5000, 6000)", "orders_p6000 [6000, 7000)");
    }

    @Test
    void uuidv7KeysGetUuidBoundsNamedByDate() {
        RangePolicy p = Fx.encoded(range(every(1, Unit.MONTH), 0), new IdEncoding.UuidV7());
        TablePlan tp = plan(spec(p), table(KeyType.UUID).build(), at("2024-01-15T10:00:00"));
        assertThat(creates(tp)).containsExactly(
                "orders_p20240101 [018cc251-f400-0000-0000-000000000000, 018d61f7-1800-0000-0000-000000000000)");
    }

    @Test
    void anUnreadableBoundIsReportedByNameAndIgnored() {
        var t = table(KeyType.DATE).with(Fx.part("weird", new Bound.Unparsed("FOR VALUES FROM (1, 2) TO (3, 4)"))).build();
        TablePlan tp = plan(spec(range(every(1, Unit.MONTH), 0)), t, at("2024-01-15T00:00:00"));
        assertThat(creates(tp)).hasSize(1);
        assertThat(findings(tp, Finding.Kind.DRIFT)).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("weird", "FROM (1, 2)"));
    }

    @Test
    void moreWantedSlotsThanCanBeWalkedAreLookedAtOnlyNearTheCurrentOneAndCreatedUpToTheCap() {
        var t = table(KeyType.INTEGER).highest("1000000000").range("first", "0", "1").build();
        TablePlan tp = plan(spec(range(new Interval.Numeric(BigDecimal.ONE), 1)), t, at("2024-01-01T00:00:00"));
        assertThat(creates(tp)).hasSize(500).contains("orders_p1000000000 [1000000000, 1000000001)",
                "orders_p1000000001 [1000000001, 1000000002)", "orders_p999999502 [999999502, 999999503)");
        assertThat(findings(tp, Finding.Kind.DRIFT)).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("more than 100000", "nearest"));
        assertThat(findings(tp, Finding.Kind.CAPPED)).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("creates 500 of the 100000", "max_partitions_per_run"));
    }

    @Test
    void anInt4KeyNearItsEndGetsAFindingInsteadOfPartitionsPostgresqlWouldRefuse() {
        Fx.Table t = table(KeyType.INTEGER).range("orders_p2000000000", "2000000000", "2100000000").highest("2099999999");
        t.key = List.of(new dev.pgpart.internal.catalog.KeyColumn("id", java.util.Optional.empty(), "integer", KeyType.INTEGER));
        TablePlan tp = plan(spec(range(new Interval.Numeric(BigDecimal.valueOf(100_000_000)), 2)), t.build(),
                at("2024-01-15T00:00:00"));
        assertThat(tp.actions()).isEmpty();
        assertThat(findings(tp, Finding.Kind.DRIFT)).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Finding.Severity.PROBLEM);
            assertThat(f.message()).contains("from the highest key 2099999999", "need partition bounds 2000000000 to 2300000000",
                    "holds only -2147483648..2147483647", "no partitions are created", "TYPE bigint");
        });
    }

    @Test
    void anInt4KeyWithRoomForEveryPremadePartitionIsPlannedAsUsual() {
        Fx.Table t = table(KeyType.INTEGER).highest("1899999999");
        t.key = List.of(new dev.pgpart.internal.catalog.KeyColumn("id", java.util.Optional.empty(), "integer", KeyType.INTEGER));
        TablePlan tp = plan(spec(range(new Interval.Numeric(BigDecimal.valueOf(100_000_000)), 2)), t.build(),
                at("2024-01-15T00:00:00"));
        assertThat(creates(tp)).last().isEqualTo("orders_p2000000000 [2000000000, 2100000000)");
        assertThat(tp.findings()).isEmpty();
    }
}
