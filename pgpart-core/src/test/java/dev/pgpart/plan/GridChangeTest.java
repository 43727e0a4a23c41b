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
import dev.pgpart.internal.catalog.TableInfo;
import dev.pgpart.spec.Interval.Unit;
import dev.pgpart.spec.RangePolicy;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** A changed time_zone or interval on a table with partitions: bridged, never a hole. */
class GridChangeTest {
    private static TableInfo utcMonths() {
        return table(KeyType.TIMESTAMPTZ)
                .range("orders_p20261101", "2026-11-01 00:00:00+00", "2026-12-01 00:00:00+00")
                .range("orders_p20261201", "2026-12-01 00:00:00+00", "2027-01-01 00:00:00+00").build();
    }

    @Test
    void aChangedTimeZoneIsBridgedFromTheLastUpperBoundToTheFirstNewBoundary() {
        RangePolicy ny = Fx.zoned(range(every(1, Unit.MONTH), 1), ZoneId.of("America/New_York"));
        TablePlan tp = plan(spec(ny), utcMonths(), at("2026-12-10T12:00:00"));
        assertThat(creates(tp)).containsExactly(
                "orders_p20261201_1 [2027-01-01 00:00:00+00, 2027-01-01 05:00:00+00)",
                "orders_p20270101 [2027-01-01 05:00:00+00, 2027-02-01 05:00:00+00)");
        assertThat(kinds(tp)).containsExactly("GAP/NOTE");
        assertThat(tp.findings().get(0).message()).contains("orders_p20261201 ends at 2027-01-01 00:00:00+00",
                "time_zone America/New_York", "no hole is left");
    }

    @Test
    void aChangedIntervalIsBridgedAndTheOldPartitionsCountAsPresentWhereTheyCoverTheNewSlots() {
        TablePlan tp = plan(spec(range(every(1, Unit.WEEK), 2)), utcMonths(), at("2026-12-20T12:00:00"));
        assertThat(creates(tp)).containsExactly("orders_p20261228 [2027-01-01 00:00:00+00, 2027-01-04 00:00:00+00)");
        assertThat(kinds(tp)).containsExactly("GAP/NOTE");
    }

    @Test
    void afterTheBridgeTheNextRunPlansOnTheNewGridWithoutFindings() {
        RangePolicy ny = Fx.zoned(range(every(1, Unit.MONTH), 1), ZoneId.of("America/New_York"));
        Catalog before = Fx.catalog(utcMonths());
        Plan first = new Planner().plan(Fx.specOf(spec(ny)), before, at("2026-12-10T12:00:00"));
        TablePlan second = plan(spec(ny), Fx.apply(before, first), at("2027-01-10T12:00:00"));
        assertThat(creates(second)).containsExactly("orders_p20270201 [2027-02-01 05:00:00+00, 2027-03-01 05:00:00+00)");
        assertThat(second.findings()).isEmpty();
        assertThat(findings(second, Finding.Kind.GAP)).isEmpty();
    }
}
