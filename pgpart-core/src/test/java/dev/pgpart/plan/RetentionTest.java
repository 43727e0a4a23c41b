package dev.pgpart.plan;

import static dev.pgpart.plan.Fx.at;
import static dev.pgpart.plan.Fx.every;
import static dev.pgpart.plan.Fx.range;
import static dev.pgpart.plan.Fx.rangePart;
import static dev.pgpart.plan.Fx.spec;
import static dev.pgpart.plan.Fx.table;
import static dev.pgpart.plan.P.findings;
import static dev.pgpart.plan.P.plan;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpart.internal.catalog.KeyType;
import dev.pgpart.internal.catalog.Partition;
import dev.pgpart.spec.Interval;
import dev.pgpart.spec.Interval.Unit;
import dev.pgpart.spec.RangePolicy;
import dev.pgpart.spec.RangePolicy.OnExpiry;
import dev.pgpart.spec.TableSpec;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RetentionTest {
    private static final RangePolicy YEAR_OF_MONTHS = Fx.keeping(range(every(1, Unit.MONTH), 1),
            every(12, Unit.MONTH), OnExpiry.DETACH);
    private static final Instant NOW = at("2025-12-01T00:00:00");

    private static Fx.Table withCurrent(Partition old) {
        return table(KeyType.TIMESTAMPTZ).with(old)
                .range("orders_p20251201", "2025-12-01 00:00:00+00", "2026-01-01 00:00:00+00")
                .range("orders_p20260101", "2026-01-01 00:00:00+00", "2026-02-01 00:00:00+00");
    }

    private static List<Action> removals(TablePlan tp) {
        return tp.actions().stream().filter(a -> !(a instanceof CreatePartition)).toList();
    }

    @ParameterizedTest(name = "upper bound {0} against cutoff 2024-12-01: expired = {1}")
    @CsvSource({
            "2024-12-01 00:00:00+00, true",
            "2024-12-01 00:00:00.000001+00, false",
            "2024-11-30 23:59:59.999999+00, true"})
    void aPartitionExpiresWhenItsUpperBoundIsAtOrBeforeTheCutoff(String upper, boolean expired) {
        var t = withCurrent(rangePart("old", "2024-11-01 00:00:00+00", upper)).build();
        TablePlan tp = plan(spec(YEAR_OF_MONTHS), t, NOW);
        assertThat(removals(tp)).hasSize(expired ? 1 : 0);
    }

    @Test
    void aHoleLeftByRetentionBehindAKeptHandMadePartitionIsNotReportedAsAGap() {
        // cutoff 2024-12-01: the hand-made 2024-10 stays (not pgpart's), 2024-11 is detached
        var t = table(KeyType.TIMESTAMPTZ)
                .with(Fx.unmanaged(rangePart("legacy", "2024-10-01 00:00:00+00", "2024-11-01 00:00:00+00")))
                .range("orders_p20241101", "2024-11-01 00:00:00+00", "2024-12-01 00:00:00+00")
                .range("orders_p20241201", "2024-12-01 00:00:00+00", "2025-01-01 00:00:00+00")
                .build();
        TablePlan tp = plan(spec(YEAR_OF_MONTHS), t, NOW);
        assertThat(removals(tp)).extracting(a -> a.partition().name()).containsExactly("orders_p20241101");
        assertThat(findings(tp, Finding.Kind.GAP)).isEmpty();
    }

    @Test
    void anExpiredPartitionIsDetachedConcurrentlyWithAReason() {
        var t = withCurrent(rangePart("old", "2024-11-01 00:00:00+00", "2024-12-01 00:00:00+00")).build();
        Action a = removals(plan(spec(YEAR_OF_MONTHS), t, at("2025-12-01T10:00:00"))).get(0);
        assertThat(a).isInstanceOf(DetachPartition.class);
        DetachPartition d = (DetachPartition) a;
        assertThat(d.concurrently()).isTrue();
        assertThat(d.requiresConsent()).isTrue();
        assertThat(d.reason()).isEqualTo("upper bound 2024-12-01 00:00:00+00 is at or before now - 12 months"
                + " (2024-12-01 10:00:00+00)");
    }

    @ParameterizedTest(name = "major {0}, default partition {1}: concurrently = {2}")
    @CsvSource({"140000, false, true", "180001, false, true", "180001, true, false", "130012, false, false"})
    void detachIsConcurrentOnlyFrom14AndWithoutADefault(int version, boolean hasDefault, boolean concurrently) {
        Fx.Table b = withCurrent(rangePart("old", "2024-01-01 00:00:00+00", "2024-02-01 00:00:00+00"));
        if (hasDefault) {
            b.withDefault(0, null, null);
        }
        TablePlan tp = plan(spec(YEAR_OF_MONTHS), Fx.catalog(version, Set.of(), b.build()), NOW);
        assertThat(((DetachPartition) removals(tp).get(0)).concurrently()).isEqualTo(concurrently);
    }

    @Test
    void dropIsPlannedWhenConfigured() {
        RangePolicy p = Fx.keeping(range(every(1, Unit.MONTH), 1), every(1, Unit.YEAR), OnExpiry.DROP);
        var t = withCurrent(rangePart("old", "2024-01-01 00:00:00+00", "2024-02-01 00:00:00+00")).build();
        assertThat(removals(plan(spec(p), t, NOW))).singleElement().isInstanceOf(DropPartition.class);
    }

    @Test
    void theLastExpiredPartitionGoesOnlyBecauseThePlanCreatesLiveOnesInTheSameRun() {
        var t = table(KeyType.TIMESTAMPTZ).range("only", "2020-01-01 00:00:00+00", "2020-02-01 00:00:00+00").build();
        TablePlan tp = plan(spec(YEAR_OF_MONTHS), t, NOW);
        assertThat(P.creates(tp)).first().asString().startsWith("orders_p20241201 ");
        assertThat(removals(tp)).extracting(a -> a.partition().name()).containsExactly("only");
    }

    @Test
    void anUnmanagedExpiredPartitionIsLeftWithANote() {
        var t = withCurrent(Fx.unmanaged(rangePart("legacy", "2024-01-01 00:00:00+00", "2024-02-01 00:00:00+00")))
                .build();
        TablePlan tp = plan(spec(YEAR_OF_MONTHS), t, NOW);
        assertThat(removals(tp)).isEmpty();
        assertThat(findings(tp, Finding.Kind.UNMANAGED_EXPIRED)).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Finding.Severity.NOTE);
            assertThat(f.message()).contains("legacy", "expire_unmanaged");
        });
        TableSpec expireAll = Fx.expiringUnmanaged(spec(YEAR_OF_MONTHS));
        assertThat(removals(plan(expireAll, t, NOW))).singleElement().isInstanceOf(DetachPartition.class);
    }

    @Test
    void anExpiredHalfDetachedPartitionIsFinalizedWithoutConsent() {
        var t = withCurrent(Fx.pending(rangePart("half", "2024-01-01 00:00:00+00", "2024-02-01 00:00:00+00")))
                .build();
        List<Action> r = removals(plan(spec(YEAR_OF_MONTHS), t, NOW));
        assertThat(r).containsExactly(new FinalizeDetach(Fx.ORDERS, Fx.ORDERS.sibling("half")));
        assertThat(r.get(0).requiresConsent()).isFalse();
    }

    @Test
    void anExpiredHalfDetachedPartitionUnderOnExpiryDropIsFinalizedThenDroppedWithConsent() {
        RangePolicy dropping = Fx.keeping(range(every(1, Unit.MONTH), 1), every(12, Unit.MONTH), OnExpiry.DROP);
        var t = withCurrent(Fx.pending(rangePart("half", "2024-01-01 00:00:00+00", "2024-02-01 00:00:00+00")))
                .build();
        List<Action> r = removals(plan(spec(dropping), t, NOW));
        assertThat(r).containsExactly(new FinalizeDetach(Fx.ORDERS, Fx.ORDERS.sibling("half"), true));
        assertThat(r.get(0).requiresConsent()).isTrue();
    }

    @Test
    void aHalfDetachedPartitionThatHasNotExpiredIsFinalizedAndKept() {
        var t = withCurrent(Fx.pending(rangePart("half", "2025-11-01 00:00:00+00", "2025-12-01 00:00:00+00")))
                .build();
        assertThat(removals(plan(spec(YEAR_OF_MONTHS), t, NOW)))
                .containsExactly(new FinalizeDetach(Fx.ORDERS, Fx.ORDERS.sibling("half"), false));
    }

    @Test
    void aHalfDetachedPartitionOfATableWithoutRetentionIsFinalizedAndKept() {
        var t = withCurrent(Fx.pending(rangePart("half", "2025-11-01 00:00:00+00", "2025-12-01 00:00:00+00")))
                .build();
        assertThat(removals(plan(spec(range(every(1, Unit.MONTH), 1)), t, NOW)))
                .containsExactly(new FinalizeDetach(Fx.ORDERS, Fx.ORDERS.sibling("half"), false));
    }

    @Test
    void actionsRunCreatesThenDefaultThenFinalizeThenOldestRemovalFirst() {
        var t = table(KeyType.TIMESTAMPTZ)
                .range("b", "2024-02-01 00:00:00+00", "2024-03-01 00:00:00+00")
                .with(Fx.pending(rangePart("h", "2024-03-01 00:00:00+00", "2024-04-01 00:00:00+00")))
                .range("a", "2024-01-01 00:00:00+00", "2024-02-01 00:00:00+00")
                .range("cur", "2025-12-01 00:00:00+00", "2026-01-01 00:00:00+00").build();
        TablePlan tp = plan(Fx.withDefault(spec(YEAR_OF_MONTHS)), t, NOW);
        assertThat(tp.actions()).extracting(a -> a.getClass().getSimpleName() + " " + a.partition().name())
                .startsWith("CreatePartition orders_p20241201", "CreatePartition orders_p20250101")
                .endsWith("CreatePartition orders_p20251101", "CreatePartition orders_p20260101",
                        "CreateDefaultPartition orders_default", "FinalizeDetach h", "DetachPartition a",
                        "DetachPartition b");
    }

    @Test
    void expiredSlotsAreNeverCreatedWhenCatchingUp() {
        var t = table(KeyType.TIMESTAMPTZ).range("a", "2024-01-01 00:00:00+00", "2024-02-01 00:00:00+00")
                .range("b", "2024-02-01 00:00:00+00", "2024-03-01 00:00:00+00").build();
        TablePlan tp = plan(spec(YEAR_OF_MONTHS), t, NOW);
        assertThat(P.creates(tp)).first().asString().startsWith("orders_p20241201 ");
        assertThat(removals(tp)).extracting(a -> a.partition().name()).containsExactly("a", "b");
    }

    @Test
    void numericRetentionCountsBackFromTheHighestKey() {
        RangePolicy p = Fx.keeping(range(new Interval.Numeric(new BigDecimal("1000")), 1),
                new Interval.Numeric(new BigDecimal("5000")), OnExpiry.DETACH);
        var t = table(KeyType.INTEGER).highest("10500").range("p4000", "4000", "5000").range("p5000", "5000", "6000")
                .range("p6000", "6000", "7000").build();
        TablePlan tp = plan(spec(p), t, NOW);
        assertThat(removals(tp)).singleElement().satisfies(a -> {
            assertThat(a.partition().name()).isEqualTo("p4000");
            assertThat(((DetachPartition) a).reason()).isEqualTo("upper bound 5000 is at or before the highest key"
                    + " - 5000 (5500)");
        });
    }
}
