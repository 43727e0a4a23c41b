package dev.pgpart.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgpart.internal.catalog.TableInfo.Kind;
import dev.pgpart.internal.catalog.TableInfo.Strategy;
import dev.pgpart.plan.Finding;
import dev.pgpart.plan.Planner;
import dev.pgpart.plan.TableChecks;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code key:} and {@code convert:}: read, validated, and a plain table with a key waits for conversion. */
class ConvertConfigTest {
    private static final String YAML = """
            tables:
              public.orders:
                interval: 1 month
                key: created_at
                convert:
                  strategy: copy
                  batch_size: 5000
                  max_rows_per_second: 20000
                  backfill_workers: 4
                  cutover: auto
                  names: {old: orders_history, new: orders_next}
            """;

    @Test
    void keyAndConvertAreReadWithEverySetting() {
        TableSpec t = SpecLoader.parse(YAML, "test").tables().get(0);
        assertThat(t.key()).contains("created_at");
        assertThat(t.convert()).isEqualTo(new ConvertSpec(ConvertSpec.Strategy.COPY, 5000, Optional.of(20000L),
                ConvertSpec.Cutover.AUTO, Optional.of("orders_history"), Optional.of("orders_next"), 4));
    }

    @Test
    void withoutBackfillWorkersTheBackfillUsesOneSession() {
        TableSpec t = SpecLoader.parse("tables: {public.orders: {interval: 1 month, key: created_at,"
                + " convert: {strategy: copy}}}", "test").tables().get(0);
        assertThat(t.convert().backfillWorkers()).isEqualTo(1);
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "backfill_workers: {0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"0", "17"})
    void backfillWorkersOutsideOneToSixteenIsAConfigProblemWithTheRange(String workers) {
        assertThatThrownBy(() -> SpecLoader.parse("tables: {public.orders: {interval: 1 month, key: created_at,"
                + " convert: {strategy: copy, backfill_workers: " + workers + "}}}", "test"))
                .isInstanceOf(dev.pgpart.PgpartException.class)
                .hasMessageContaining("backfill_workers is " + workers + ", outside 1..16")
                .hasMessageContaining("write a whole number from 1 to 16");
    }

    @Test
    void withoutAConvertBlockTheDefaultsApply() {
        TableSpec t = SpecLoader.parse("tables: {public.orders: {interval: 1 month, key: '\"CreatedAt\"'}}", "test").tables().get(0);
        assertThat(t.key()).contains("CreatedAt");
        assertThat(t.convert()).isEqualTo(ConvertSpec.DEFAULTS);
    }

    @Test
    void aWrongStrategyIsNamedWithTheChoices() {
        assertThatThrownBy(() -> SpecLoader.parse("tables: {public.orders: {interval: 1 month, key: created_at,"
                + " convert: {strategy: clone}}}", "test"))
                .hasMessageContaining("strategy 'clone' is not one of attach or copy");
    }

    @Test
    void aPlainTableWithAKeyIsNoConfigProblemButNotConvertedYet() {
        Spec spec = SpecLoader.parse("tables: {public.orders: {interval: 1 month, key: created_at}}", "test");
        var catalog = SpecValidatorTest.catalog(SpecValidatorTest.table(Kind.TABLE, Optional.empty(), List.of(), "id", "created_at"));

        assertThat(SpecValidator.validate(spec, catalog)).isEmpty();
        List<Finding> findings = new Planner().plan(spec, catalog, Instant.parse("2026-06-15T00:00:00Z")).tables().get(0).findings();
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(Finding.Kind.NOT_CONVERTED);
            assertThat(f.severity()).isEqualTo(Finding.Severity.PROBLEM);
            assertThat(f.message()).contains("not converted yet").contains("pgpart convert run public.orders");
        });
        assertThat(TableChecks.configFindings(spec.tables().get(0), catalog)).isEmpty();
    }

    @Test
    void aKeyThatIsNotAColumnOfThePlainTableIsAConfigProblem() {
        Spec spec = SpecLoader.parse("tables: {public.orders: {interval: 1 month, key: create_at}}", "test");
        var catalog = SpecValidatorTest.catalog(SpecValidatorTest.table(Kind.TABLE, Optional.empty(), List.of(), "id", "created_at"));
        assertThat(SpecValidator.validate(spec, catalog)).singleElement().satisfies(p -> {
            assertThat(p.problem()).isEqualTo("key: create_at is not a column of public.orders (columns: id, created_at)");
            assertThat(p.fix()).startsWith("did you mean created_at?");
        });
    }

    @Test
    void aKeyOtherThanThePartitionKeyOfAPartitionedTableIsAConfigProblem() {
        Spec spec = SpecLoader.parse("tables: {public.orders: {interval: 1 month, key: id}}", "test");
        var catalog = SpecValidatorTest.catalog(SpecValidatorTest.partitioned(Strategy.RANGE,
                SpecValidatorTest.key("created_at", "timestamp with time zone")));
        assertThat(SpecValidator.validate(spec, catalog)).singleElement()
                .satisfies(p -> assertThat(p.problem()).contains("key: id does not match the table's partition key (created_at"));
    }

    @Test
    void theMatchingKeyOfAPartitionedTableIsFine() {
        Spec spec = SpecLoader.parse("tables: {public.orders: {interval: 1 month, key: created_at}}", "test");
        var catalog = SpecValidatorTest.catalog(SpecValidatorTest.partitioned(Strategy.RANGE,
                SpecValidatorTest.key("created_at", "timestamp with time zone")));
        assertThat(SpecValidator.validate(spec, catalog)).isEmpty();
    }
}
