package dev.pgpart.cli.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpart.api.ActionResult;
import dev.pgpart.api.Outcome;
import dev.pgpart.api.MaintainResult;
import dev.pgpart.plan.Plan;
import dev.pgpart.plan.TablePlan;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class TextRenderersTest {
    private static String render(Consumer<PrintWriter> r) {
        StringWriter s = new StringWriter();
        r.accept(new PrintWriter(s, true));
        return s.toString();
    }

    @Test
    void planGroupsActionsByTableWithAlignedColumns() {
        String text = render(out -> new PlanText(Style.PLAIN).print(out, Samples.plan()));
        assertThat(text).startsWith("Plan at 2026-11-22T10:00:00Z: 5 actions on 2 tables (1 need --yes)\n");
        assertThat(text).contains("""
                public.orders: 3 actions
                  create  orders_p20261201  FROM ('2026-12-01 00:00:00+00') TO ('2027-01-01 00:00:00+00')  moves 1,200 rows out of the default
                  create  orders_p20270101  FROM ('2027-01-01 00:00:00+00') TO ('2027-02-01 00:00:00+00')
                  drop    orders_p20251001  FROM ('2025-10-01 00:00:00+00') TO ('2025-11-01 00:00:00+00')  needs --yes: upper bound 2025-11-01 is at or before now - 12 months
                  note: orders_2024_11 is past retention but was not created by pgpart: left alone
                """);
        assertThat(text).contains("""
                public.orders_by_region: 2 actions
                  create-default  orders_by_region_default  DEFAULT
                  create          orders_by_region_eu       IN ('eu', NULL)
                  problem: 5,000 rows in orders_by_region_default""");
        assertThat(text).contains("public.customers: nothing to do");
    }

    @Test
    void aSubPartitionedCreateListsTheLeavesThePlanNamedUnderIt() {
        Plan plan = new Plan(Samples.AT, List.of(new TablePlan(Samples.ORDERS, List.of(Samples.CREATE_SUB), List.of())));
        String text = render(out -> new PlanText(Style.PLAIN).print(out, plan));
        assertThat(text).contains("""
                public.orders: 1 action
                  create  orders_p20270201       FROM ('2027-02-01 00:00:00+00') TO ('2027-03-01 00:00:00+00')
                    leaf  orders_p20270201_p0    WITH (MODULUS 2, REMAINDER 0)
                    leaf  orders_p20270201_p1_1  WITH (MODULUS 2, REMAINDER 1)
                """);
    }

    @Test
    void plainStyleNeverWritesEscapeCodes() {
        String text = render(out -> {
            new PlanText(Style.PLAIN).print(out, Samples.plan());
            new ResultText(Style.PLAIN).print(out, Samples.result());
            new StatusText(Style.PLAIN).print(out, Samples.status());
        });
        assertThat(text).doesNotContain("\u001b[");
    }

    @Test
    void colouredOutputKeepsTheSameAlignment() {
        String plain = render(out -> new ResultText(Style.PLAIN).print(out, Samples.result()));
        String ansi = render(out -> new ResultText(new Style(true)).print(out, Samples.result()));
        assertThat(ansi).contains("\u001b[");
        assertThat(ansi.replaceAll("\u001b\\[[0-9;]*m", "")).isEqualTo(plain);
    }

    @Test
    void anEmptyPlanSaysSo() {
        String text = render(out -> new PlanText(Style.PLAIN).print(out, new Plan(Samples.AT, List.of())));
        assertThat(text).isEqualTo("Nothing to do at 2026-11-22T10:00:00Z: 0 tables up to date.\n");
    }

    @Test
    void maintainPrintsOneLinePerActionWithOutcomeAndWhy() {
        String text = render(out -> new ResultText(Style.PLAIN).print(out, Samples.result()));
        assertThat(text).contains("""
                public.orders: 3 actions
                  applied  create  orders_p20261201  FROM ('2026-12-01 00:00:00+00') TO ('2027-01-01 00:00:00+00')  moved 1,200 rows out of the default (210ms)
                  applied  create  orders_p20270101  FROM ('2027-01-01 00:00:00+00') TO ('2027-02-01 00:00:00+00')  after 3 attempts (1.5s)
                  skipped  drop    orders_p20251001  FROM ('2025-10-01 00:00:00+00') TO ('2025-11-01 00:00:00+00')  needs --yes to drop
                """);
        assertThat(text).contains("  failed   create          orders_by_region_eu       IN ('eu', NULL)  lock_timeout (2s)");
        assertThat(text).contains("public.customers: nothing to do");
        assertThat(text).endsWith("3 applied, 1 skipped, 1 failed; 1,200 rows moved out of default partitions in 10.7s."
                + " 1 action need consent: run again with --yes to detach/drop. Actions marked applied are committed;"
                + " each failed line says what it left behind.\n");
    }

    @Test
    void theSummaryTimeIsTheRunsWallTimeNotTheSumOfItsActions() {
        MaintainResult parallel = new MaintainResult(Samples.plan(), Samples.result().results(), Duration.ofMillis(4200));
        String text = render(out -> new ResultText(Style.PLAIN).print(out, parallel));
        assertThat(text).contains("moved out of default partitions in 4.2s.");
    }

    @Test
    void aSingleResultIsOneLine() {
        ActionResult r = new ActionResult(Samples.CREATE_HASH, Outcome.APPLIED, "", 0, 1, Duration.ofMillis(40));
        String text = render(out -> new ResultText(Style.PLAIN).print(out, r));
        assertThat(text).isEqualTo("applied  create  customers_p3  WITH (MODULUS 8, REMAINDER 3)  (40ms)\n");
    }

    @Test
    void statusIsATablePlusTimelinesAndFindings() {
        String text = render(out -> new StatusText(Style.PLAIN).print(out, Samples.status()));
        assertThat(text).startsWith("""
                TABLE                    METHOD  KEY         PARTITIONS    DEFAULT ROWS  FIRST BOUND             COVERED UNTIL           AHEAD  SIZE
                public.orders            range   created_at  14 + default  0             2025-11-01 00:00:00+00  2027-04-01 00:00:00+00  4      48 MB
                public.orders_by_region  list    region      3 + default   5,000         -                       -                       -      900 kB
                public.customers         hash    id          8             -             -                       -                       -      64 kB
                """);
        assertThat(text).contains("""
                Timeline (# past, @ current, + ahead, . gap):
                  public.orders  #########@++++  2025-11-01 00:00:00+00 .. 2027-04-01 00:00:00+00
                """);
        assertThat(text).endsWith("""
                public.orders_by_region:
                  problem: 5,000 rows in orders_by_region_default match no configured list value (e.g. 'latam')
                """);
    }

    @Test
    void statusListsDistributedTablesWithTheirDistributionColumnAndShardCount() {
        String text = render(out -> new StatusText(Style.PLAIN).print(out, List.of(Samples.distributed(), Samples.status().get(0))));
        assertThat(text).contains("""
                Distributed by Citus (sizes are the shards' on the workers):
                  public.events  distributed by tenant, 32 shards  co-location group 7

                """);
        assertThat(render(out -> new StatusText(Style.PLAIN).print(out, Samples.status()))).doesNotContain("Citus");
    }

    @Test
    void aRangeTableWhoseNowIsNotCoveredSaysSoLoudly() {
        var t = Samples.status().get(0);
        var uncovered = new dev.pgpart.plan.TableStatus(t.table(), t.method(), t.key(), 0, true, java.util.Optional.empty(),
                java.util.Optional.empty(), java.util.Optional.empty(), 0, 10, 0, "", List.of());
        assertThat(render(out -> new StatusText(Style.PLAIN).print(out, List.of(uncovered)))).contains("NOT COVERED");
    }

    @Test
    void checkPrintsOneProblemPerLineAsTableColonMessage() {
        String text = render(out -> new FindingText(Style.PLAIN).printCheck(out, List.of(Samples.UNMANAGED, Samples.ROWS_IN_DEFAULT)));
        assertThat(text).isEqualTo("""
                public.orders_by_region: 5,000 rows in orders_by_region_default match no configured list value (e.g. 'latam')
                public.orders: orders_2024_11 is past retention but was not created by pgpart: left alone (note)
                """);
    }

    @Test
    void aHealthyCheckPrintsOk() {
        assertThat(render(out -> new FindingText(Style.PLAIN).printCheck(out, List.of()))).isEqualTo("OK: no problems\n");
        assertThat(render(out -> new FindingText(Style.PLAIN).printCheck(out, List.of(Samples.UNMANAGED))))
                .endsWith("OK: no problems (1 note)\n");
    }

    @Test
    void sizesAndDurationsReadLikePostgres() {
        assertThat(Text.bytes(0)).isEqualTo("0 B");
        assertThat(Text.bytes(1023)).isEqualTo("1023 B");
        assertThat(Text.bytes(1536)).isEqualTo("1.5 kB");
        assertThat(Text.bytes(5L * 1024 * 1024 * 1024)).isEqualTo("5.0 GB");
        assertThat(Text.bytes(300L * 1024 * 1024)).isEqualTo("300 MB");
        assertThat(Text.duration(Duration.ofMillis(35))).isEqualTo("35ms");
        assertThat(Text.duration(Duration.ofMillis(2400))).isEqualTo("2.4s");
        assertThat(Text.duration(Duration.ofSeconds(185))).isEqualTo("3m 05s");
    }
}
