package dev.pgpart.plan;

import static dev.pgpart.plan.Fx.at;
import static dev.pgpart.plan.Fx.part;
import static dev.pgpart.plan.Fx.spec;
import static dev.pgpart.plan.Fx.table;
import static dev.pgpart.plan.P.creates;
import static dev.pgpart.plan.P.findings;
import static dev.pgpart.plan.P.kinds;
import static dev.pgpart.plan.P.plan;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpart.api.Bound;
import dev.pgpart.internal.catalog.KeyType;
import dev.pgpart.internal.catalog.TableInfo;
import dev.pgpart.spec.HashPolicy;
import dev.pgpart.spec.ListPolicy;
import dev.pgpart.spec.RangePolicy;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ListHashPlannerTest {
    private static final Instant NOW = at("2024-01-15T00:00:00");

    private static ListPolicy regions() {
        Map<String, List<Optional<String>>> m = new LinkedHashMap<>();
        m.put("eu", List.of(Optional.of("de"), Optional.of("fr")));
        m.put("us", List.of(Optional.of("us")));
        m.put("none", List.of(Optional.empty()));
        return new ListPolicy(m);
    }

    private static Fx.Table listTable() {
        return table(KeyType.TEXT).strategy(TableInfo.Strategy.LIST);
    }

    private static Bound.In in(String... values) {
        return new Bound.In(java.util.Arrays.stream(values).map(Optional::ofNullable).toList());
    }

    @Test
    void missingListEntriesAreCreatedNamedBySuffix() {
        TablePlan tp = plan(spec(regions()), listTable().build(), NOW);
        assertThat(creates(tp)).containsExactly("orders_eu FOR VALUES IN ('de', 'fr')", "orders_us FOR VALUES IN ('us')",
                "orders_none FOR VALUES IN (NULL)");
    }

    @Test
    void anExistingPartitionWithTheSameValuesInAnyOrderIsPresent() {
        TablePlan tp = plan(spec(regions()), listTable().with(part("europe", in("fr", "de")), part("n", in((String) null)))
                .build(), NOW);
        assertThat(creates(tp)).containsExactly("orders_us FOR VALUES IN ('us')");
        assertThat(tp.findings()).isEmpty();
    }

    @Test
    void sharingSomeValuesIsAConflictAndTheOthersAreStillCreated() {
        TablePlan tp = plan(spec(regions()), listTable().with(part("de_only", in("de"))).build(), NOW);
        assertThat(creates(tp)).hasSize(2);
        assertThat(findings(tp, Finding.Kind.CONFLICT)).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("orders_eu", "de_only", "('de')"));
    }

    @Test
    void aPartitionNotInTheConfigIsANoteAndNeverDropped() {
        TablePlan tp = plan(spec(regions()), listTable().with(part("asia", in("jp"))).build(), NOW);
        assertThat(tp.actions()).hasSize(3).noneMatch(Action::requiresConsent);
        assertThat(kinds(tp)).containsExactly("DRIFT/NOTE");
    }

    @Test
    void rowsInAListDefaultAreANoteWhilePartitionsAreStillToBeCreated() {
        TablePlan tp = plan(Fx.withDefault(spec(regions())), listTable().withDefault(42, null, null).build(), NOW);
        assertThat(tp.actions()).allSatisfy(a -> assertThat(((CreatePartition) a).rowsFromDefault()).isEqualTo(DefaultRows.unknown()));
        assertThat(findings(tp, Finding.Kind.ROWS_IN_DEFAULT)).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Finding.Severity.NOTE);
            assertThat(f.message()).contains("42 rows", "maintain moves");
        });
    }

    @Test
    void rowsLeftInAListDefaultOnceEveryPartitionExistsAreAProblemWithTheirCount() {
        var done = listTable().with(part("orders_eu", in("de", "fr")), part("orders_us", in("us")),
                part("orders_none", in((String) null))).withDefault(42, null, null).build();
        TablePlan tp = plan(Fx.withDefault(spec(regions())), done, NOW);
        assertThat(tp.actions()).isEmpty();
        assertThat(findings(tp, Finding.Kind.ROWS_IN_DEFAULT)).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Finding.Severity.PROBLEM);
            assertThat(f.message()).contains("42 rows", "add their values to the config");
        });
    }

    @Test
    void missingHashRemaindersAreCreated() {
        TablePlan tp = plan(spec(new HashPolicy(4)), table(KeyType.INTEGER).strategy(TableInfo.Strategy.HASH)
                .with(part("orders_p1", new Bound.Hash(4, 1))).build(), NOW);
        assertThat(creates(tp)).containsExactly("orders_p0 %4=0", "orders_p2 %4=2", "orders_p3 %4=3");
    }

    @Test
    void aDifferentHashModulusIsDriftAndNothingIsCreated() {
        TablePlan tp = plan(spec(new HashPolicy(8)), table(KeyType.INTEGER).strategy(TableInfo.Strategy.HASH)
                .with(part("orders_p1", new Bound.Hash(4, 1))).build(), NOW);
        assertThat(tp.actions()).isEmpty();
        assertThat(findings(tp, Finding.Kind.DRIFT)).singleElement().satisfies(f -> assertThat(f.message())
                .contains("modulus 4", "8", "table rewrite", "pgpart will not do it"));
    }

    @Test
    void aDefaultPartitionOnAHashTableIsDrift() {
        TablePlan tp = plan(Fx.withDefault(spec(new HashPolicy(2))), table(KeyType.INTEGER)
                .strategy(TableInfo.Strategy.HASH).build(), NOW);
        assertThat(tp.actions()).hasSize(2);
        assertThat(kinds(tp)).containsExactly("DRIFT/PROBLEM");
    }

    @Test
    void aMissingTableIsReportedAndNotPlanned() {
        TablePlan tp = plan(spec(regions()), Fx.catalog(), NOW);
        assertThat(tp.actions()).isEmpty();
        assertThat(tp.findings()).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(Finding.Kind.MISSING_TABLE);
            assertThat(f.message()).contains("orders", "does not exist");
        });
    }

    @Test
    void aPlainTableIsReportedAsNotPartitioned() {
        Fx.Table b = listTable();
        b.kind = TableInfo.Kind.TABLE;
        TablePlan tp = plan(spec(regions()), b.build(), NOW);
        assertThat(tp.findings()).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(Finding.Kind.MISSING_TABLE);
            assertThat(f.message()).contains("is a plain table, not partitioned", "PARTITION BY LIST");
        });
    }

    @Test
    void aMethodMismatchIsDriftWithObservedAndExpected() {
        TablePlan tp = plan(spec(regions()), table(KeyType.DATE).build(), NOW);
        assertThat(tp.actions()).isEmpty();
        assertThat(tp.findings()).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(Finding.Kind.DRIFT);
            assertThat(f.message()).contains("RANGE", "LIST");
        });
    }

    @Test
    void hourlyPartitionsOnADateKeyAreDrift() {
        RangePolicy p = Fx.range(Fx.every(1, dev.pgpart.spec.Interval.Unit.HOUR), 1);
        TablePlan tp = plan(spec(p), table(KeyType.DATE).build(), NOW);
        assertThat(tp.actions()).isEmpty();
        assertThat(tp.findings()).singleElement().satisfies(f -> assertThat(f.message()).contains("date", "hourly", "no time of day"));
    }

    @Test
    void aListValueWrittenDifferentlyButEqualAsTheKeyTypeIsPresent() {
        Map<String, List<Optional<String>>> m = new LinkedHashMap<>();
        m.put("three", List.of(Optional.of("03")));
        m.put("four", List.of(Optional.of("4")));
        Fx.Table t = table(KeyType.INTEGER).strategy(TableInfo.Strategy.LIST).with(part("codes_3", in("3")));
        TablePlan tp = plan(spec(new ListPolicy(m)), t.build(), NOW);
        assertThat(creates(tp)).containsExactly("orders_four FOR VALUES IN ('4')");
        assertThat(tp.findings()).isEmpty();
    }

    @Test
    void onATextKeyListValuesAreComparedAsWritten() {
        Map<String, List<Optional<String>>> m = new LinkedHashMap<>();
        m.put("three", List.of(Optional.of("03")));
        TablePlan tp = plan(spec(new ListPolicy(m)), listTable().with(part("codes_3", in("3"))).build(), NOW);
        assertThat(creates(tp)).containsExactly("orders_three FOR VALUES IN ('03')");
    }
}
