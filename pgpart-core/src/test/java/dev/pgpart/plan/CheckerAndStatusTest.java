package dev.pgpart.plan;

import static dev.pgpart.plan.Fx.at;
import static dev.pgpart.plan.Fx.every;
import static dev.pgpart.plan.Fx.range;
import static dev.pgpart.plan.Fx.rangePart;
import static dev.pgpart.plan.Fx.spec;
import static dev.pgpart.plan.Fx.table;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpart.internal.catalog.Catalog;
import dev.pgpart.internal.catalog.KeyType;
import dev.pgpart.spec.Interval.Unit;
import dev.pgpart.spec.RangePolicy;
import dev.pgpart.spec.Spec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class CheckerAndStatusTest {
    private static final RangePolicy MONTHLY = range(every(1, Unit.MONTH), 2);
    private static final Instant NOW = at("2024-03-15T00:00:00");

    private static Fx.Table months(String... firsts) {
        Fx.Table b = table(KeyType.DATE);
        for (String f : firsts) {
            java.time.LocalDate d = java.time.LocalDate.parse(f);
            b.with(Fx.sized(rangePart("orders_p" + f.replace("-", ""), f, d.plusMonths(1).toString()), 100));
        }
        return b;
    }

    @Test
    void tooFewPartitionsAheadIsLowCoverage() {
        Catalog c = Fx.catalog(months("2024-02-01", "2024-03-01", "2024-04-01").build());
        List<Finding> f = new Checker().findings(Fx.specOf(spec(MONTHLY)), c, NOW);
        assertThat(f).extracting(Finding::kind).containsExactly(Finding.Kind.COVERAGE_LOW);
        assertThat(f.get(0).message()).contains("only 1", "premake is 2");
    }

    @Test
    void partitionsEndingWithinCoverageWarningIntervalsSayWhenInsertsStartFailing() {
        Catalog c = Fx.catalog(months("2024-02-01", "2024-03-01").build());
        List<Finding> f = new Checker().findings(Fx.specOf(spec(MONTHLY)), c, NOW);
        assertThat(f).extracting(Finding::kind).containsExactly(Finding.Kind.COVERAGE_ENDING);
        assertThat(f.get(0).severity()).isEqualTo(Finding.Severity.PROBLEM);
        assertThat(f.get(0).message()).contains("partitions end at 2024-04-01 (in 17 days)", "coverage_warning_intervals");
    }

    @Test
    void nowOutsideEveryPartitionIsLowCoverage() {
        Catalog c = Fx.catalog(months("2024-01-01").build());
        List<Finding> f = new Checker().findings(Fx.specOf(spec(MONTHLY)), c, NOW);
        assertThat(f).extracting(Finding::kind).containsExactly(Finding.Kind.COVERAGE_LOW);
        assertThat(f.get(0).message()).contains("no partition holds now (2024-03-15)");
    }

    @Test
    void aHalfDetachedPartitionIsReported() {
        Catalog c = Fx.catalog(months("2024-03-01", "2024-04-01", "2024-05-01")
                .with(Fx.pending(rangePart("gone", "2023-01-01", "2023-02-01"))).build());
        List<Finding> f = new Checker().findings(Fx.specOf(spec(MONTHLY)), c, NOW);
        assertThat(f).filteredOn(x -> x.kind() == Finding.Kind.DETACH_PENDING).singleElement()
                .satisfies(x -> assertThat(x.message()).contains("gone", "FINALIZE"));
    }

    @Test
    void aHalfDetachedPartitionIsAProblemEvenWhenTheNextMaintainWillFinishIt() {
        RangePolicy keeping = Fx.keeping(MONTHLY, every(3, Unit.MONTH), RangePolicy.OnExpiry.DETACH);
        Catalog c = Fx.catalog(months("2024-03-01", "2024-04-01", "2024-05-01")
                .with(Fx.pending(rangePart("gone", "2023-01-01", "2023-02-01"))).build());
        List<Finding> f = new Checker().findings(Fx.specOf(spec(keeping)), c, NOW);
        assertThat(f).filteredOn(x -> x.kind() == Finding.Kind.DETACH_PENDING).singleElement().satisfies(x -> {
            assertThat(x.severity()).isEqualTo(Finding.Severity.PROBLEM);
            assertThat(x.message()).contains("the next maintain finalizes it and keeps it as a plain table");
        });
    }

    @Test
    void beforeTheConfiguredStartCheckDoesNotAskForAMaintainThatHasNothingToDo() {
        RangePolicy later = Fx.startingAt(MONTHLY, "2025-01-01T00:00:00");
        Catalog c = Fx.catalog(months("2025-01-01", "2025-02-01", "2025-03-01").build());
        assertThat(new Planner().plan(Fx.specOf(spec(later)), c, NOW).actions()).isEmpty();
        assertThat(new Checker().findings(Fx.specOf(spec(later)), c, NOW)).isEmpty();
    }

    @Test
    void aMaxvaluePartitionHoldingNowIsEnoughCoverage() {
        Catalog c = Fx.catalog(months("2024-02-01")
                .with(Fx.part("orders_rest", new dev.pgpart.api.Bound.Range(java.util.Optional.of("2024-03-01"),
                        java.util.Optional.empty()))).build());
        assertThat(new Planner().plan(Fx.specOf(spec(MONTHLY)), c, NOW).actions()).isEmpty();
        assertThat(new Checker().findings(Fx.specOf(spec(MONTHLY)), c, NOW)).isEmpty();
    }

    @Test
    void statusSummarisesBoundsCoverageAndTimeline() {
        Catalog c = Fx.catalog(months("2023-12-01", "2024-02-01", "2024-03-01", "2024-04-01").withDefault(3, "2020-01-01",
                "2020-01-01").build());
        TableStatus s = new StatusCalculator().status(Fx.specOf(spec(MONTHLY)), c, NOW).get(0);
        assertThat(s.method()).isEqualTo("RANGE");
        assertThat(s.key()).isEqualTo("k");
        assertThat(s.partitions()).isEqualTo(4);
        assertThat(s.hasDefault()).isTrue();
        assertThat(s.firstBound()).contains("2023-12-01");
        assertThat(s.lastBound()).contains("2024-05-01");
        assertThat(s.coveredUntil()).contains("2024-05-01");
        assertThat(s.aheadCount()).isEqualTo(1);
        assertThat(s.rowsInDefault()).isEqualTo(3);
        assertThat(s.totalBytes()).isEqualTo(400);
        assertThat(s.timeline()).isEqualTo("#.#@+");
        assertThat(s.findings()).extracting(Finding::kind).contains(Finding.Kind.COVERAGE_LOW,
                Finding.Kind.ROWS_IN_DEFAULT);
    }

    @Test
    void aLongTimelineIsRunLengthCompressed() {
        Fx.Table b = table(KeyType.DATE);
        java.time.LocalDate d = java.time.LocalDate.parse("2014-03-01");
        for (int i = 0; i < 123; i++) {
            b.range("p" + i, d.plusMonths(i).toString(), d.plusMonths(i + 1).toString());
        }
        TableStatus s = new StatusCalculator().status(Fx.specOf(spec(MONTHLY)), Fx.catalog(b.build()), NOW).get(0);
        assertThat(s.timeline()).isEqualTo("#x120@++");
    }

    @Test
    void aMissingTableHasAStatusThatSaysSo() {
        Spec spec = Fx.specOf(spec(MONTHLY));
        TableStatus s = new StatusCalculator().status(spec, Fx.catalog(), NOW).get(0);
        assertThat(s.method()).isEqualTo("missing");
        assertThat(s.findings()).extracting(Finding::kind).containsExactly(Finding.Kind.MISSING_TABLE);
    }

    @Test
    void thePlanPackageNeverTouchesJdbc() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("src/main/java/dev/pgpart/plan"))) {
            assertThat(files.filter(p -> p.toString().endsWith(".java")))
                    .allSatisfy(p -> assertThat(Files.readString(p)).doesNotContain("java.sql"));
        }
    }
}
