package dev.pgpart.cli.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pgpart.api.ActionResult;
import dev.pgpart.api.Outcome;
import dev.pgpart.plan.Plan;
import dev.pgpart.plan.TablePlan;
import dev.pgpart.spec.ConfigProblem;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class JsonTest {
    private static JsonNode render(Consumer<PrintWriter> r) throws Exception {
        StringWriter s = new StringWriter();
        r.accept(new PrintWriter(s, true));
        return new ObjectMapper().readTree(s.toString());
    }

    @Test
    void planActionsHaveAStableShape() throws Exception {
        JsonNode plan = render(out -> new Json().plan(out, Samples.plan()));
        assertThat(plan.get("schema").asInt()).isEqualTo(1);
        assertThat(plan.get("command").asText()).isEqualTo("plan");
        assertThat(plan.get("at").asText()).isEqualTo("2026-11-22T10:00:00Z");
        JsonNode create = plan.at("/tables/0/actions/0");
        assertThat(create.get("type").asText()).isEqualTo("create");
        assertThat(create.get("table").asText()).isEqualTo("public.orders");
        assertThat(create.get("partition").asText()).isEqualTo("public.orders_p20261201");
        assertThat(create.at("/bound/kind").asText()).isEqualTo("range");
        assertThat(create.at("/bound/from").asText()).isEqualTo("2026-12-01 00:00:00+00");
        assertThat(create.at("/bound/to").asText()).isEqualTo("2027-01-01 00:00:00+00");
        assertThat(create.at("/bound/sql").asText()).isEqualTo("FROM ('2026-12-01 00:00:00+00') TO ('2027-01-01 00:00:00+00')");
        assertThat(create.get("requiresConsent").asBoolean()).isFalse();
        assertThat(create.get("rowsFromDefault").asLong()).isEqualTo(1200);
        assertThat(create.has("reason")).isFalse();

        JsonNode drop = plan.at("/tables/0/actions/2");
        assertThat(drop.get("type").asText()).isEqualTo("drop");
        assertThat(drop.get("requiresConsent").asBoolean()).isTrue();
        assertThat(drop.get("reason").asText()).contains("12 months");

        JsonNode list = plan.at("/tables/1/actions/1/bound");
        assertThat(list.get("kind").asText()).isEqualTo("list");
        assertThat(list.get("values").get(0).asText()).isEqualTo("eu");
        assertThat(list.get("values").get(1).isNull()).isTrue();
        assertThat(plan.at("/tables/1/actions/0/type").asText()).isEqualTo("create-default");
        assertThat(plan.at("/tables/1/findings/0/kind").asText()).isEqualTo("rows_in_default");
        assertThat(plan.at("/tables/1/findings/0/severity").asText()).isEqualTo("problem");
        assertThat(plan.at("/tables/2/actions").size()).isZero();
    }

    @Test
    void maintainHasASummaryAndOneResultPerAction() throws Exception {
        JsonNode m = render(out -> new Json().maintain(out, Samples.result()));
        assertThat(m.at("/summary/applied").asInt()).isEqualTo(3);
        assertThat(m.at("/summary/skipped").asInt()).isEqualTo(1);
        assertThat(m.at("/summary/failed").asInt()).isEqualTo(1);
        assertThat(m.at("/summary/pendingConsent").asInt()).isEqualTo(1);
        assertThat(m.at("/summary/rowsMoved").asLong()).isEqualTo(1200);
        assertThat(m.get("results").size()).isEqualTo(5);
        assertThat(m.at("/results/0/outcome").asText()).isEqualTo("applied");
        assertThat(m.at("/results/0/action/partition").asText()).isEqualTo("public.orders_p20261201");
        assertThat(m.at("/results/0/elapsedMs").asLong()).isEqualTo(210);
        assertThat(m.at("/results/4/outcome").asText()).isEqualTo("failed");
        assertThat(m.at("/results/4/attempts").asInt()).isEqualTo(4);
        assertThat(m.get("findings").size()).isEqualTo(2);
    }

    @Test
    void statusKeepsAbsentValuesAsNull() throws Exception {
        JsonNode s = render(out -> new Json().status(out, Samples.AT, Samples.status()));
        assertThat(s.at("/tables/0/method").asText()).isEqualTo("range");
        assertThat(s.at("/tables/0/coveredUntil").asText()).isEqualTo("2027-04-01 00:00:00+00");
        assertThat(s.at("/tables/0/totalBytes").asLong()).isEqualTo(48L * 1024 * 1024);
        assertThat(s.at("/tables/1/coveredUntil").isNull()).isTrue();
        assertThat(s.at("/tables/1/rowsInDefault").asLong()).isEqualTo(5000);
        assertThat(s.at("/tables/2/hasDefault").asBoolean()).isFalse();
    }

    @Test
    void statusNamesTheCitusDistributionOfADistributedTableAndNullForALocalOne() throws Exception {
        JsonNode s = render(out -> new Json().status(out, Samples.AT, List.of(Samples.distributed(), Samples.status().get(0))));
        assertThat(s.at("/tables/0/distribution/column").asText()).isEqualTo("tenant");
        assertThat(s.at("/tables/0/distribution/shardCount").asInt()).isEqualTo(32);
        assertThat(s.at("/tables/0/distribution/colocationId").asInt()).isEqualTo(7);
        assertThat(s.at("/tables/1/distribution").isNull()).isTrue();
    }

    @Test
    void checkSaysWhetherHealthy() throws Exception {
        JsonNode bad = render(out -> new Json().check(out, Samples.AT, List.of(Samples.ROWS_IN_DEFAULT, Samples.UNMANAGED)));
        assertThat(bad.get("healthy").asBoolean()).isFalse();
        assertThat(bad.get("problems").asInt()).isEqualTo(1);
        assertThat(bad.get("findings").size()).isEqualTo(2);
        JsonNode good = render(out -> new Json().check(out, Samples.AT, List.of(Samples.UNMANAGED)));
        assertThat(good.get("healthy").asBoolean()).isTrue();
    }

    @Test
    void aSubPartitionedCreateCarriesItsLeavesAndOtherActionsHaveNone() throws Exception {
        JsonNode plan = render(out -> new Json().plan(out, new Plan(Samples.AT, List.of(new TablePlan(Samples.ORDERS,
                List.of(Samples.CREATE_SUB, Samples.CREATE_JAN), List.of())))));
        JsonNode leaves = plan.at("/tables/0/actions/0/leaves");
        assertThat(leaves).hasSize(2);
        assertThat(leaves.at("/1/partition").asText()).isEqualTo("public.orders_p20270201_p1_1");
        assertThat(leaves.at("/1/bound/kind").asText()).isEqualTo("hash");
        assertThat(leaves.at("/1/bound/remainder").asInt()).isEqualTo(1);
        assertThat(leaves.at("/1/bound/sql").asText()).isEqualTo("WITH (MODULUS 2, REMAINDER 1)");
        assertThat(plan.at("/tables/0/actions/1").has("leaves")).isFalse();
    }

    @Test
    void singleResultsAndValidation() throws Exception {
        ActionResult r = new ActionResult(Samples.CREATE_HASH, Outcome.APPLIED, "", 0, 1, Duration.ofMillis(40));
        JsonNode one = render(out -> new Json().result(out, "partition add", r));
        assertThat(one.at("/result/action/bound/modulus").asInt()).isEqualTo(8);
        assertThat(one.at("/result/action/bound/remainder").asInt()).isEqualTo(3);
        JsonNode v = render(out -> new Json().validate(out, 2, List.of(new ConfigProblem("pgpart.yml:3", "bad", "good"))));
        assertThat(v.get("valid").asBoolean()).isFalse();
        assertThat(v.at("/problems/0/fix").asText()).isEqualTo("good");
        assertThat(v.at("/problems/0").has("table")).isFalse();
    }

    @Test
    void aProblemOfATableNamesTheTable() throws Exception {
        ConfigProblem p = new ConfigProblem("database tables.\"s.t\"", java.util.Optional.of(dev.pgpart.sql.QualifiedName.of("s", "t")),
                "bad", "good");
        JsonNode v = render(out -> new Json().validate(out, 1, List.of(p)));
        assertThat(v.at("/problems/0/table").asText()).isEqualTo("s.t");
    }
}
