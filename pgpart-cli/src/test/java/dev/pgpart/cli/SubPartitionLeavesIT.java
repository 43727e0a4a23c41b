package dev.pgpart.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Sub-partition leaves are decided by the plan: maintain creates exactly the leaves plan printed. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SubPartitionLeavesIT {
    private static final String YAML = """
            tables:
              public.orders:
                interval: 1 month
                premake: 1
                start: 2026-06-01
                subpartition: { key: customer_id, hash: { modulus: 3 } }
            """;

    @TempDir
    Path dir;

    @Test
    void maintainCreatesExactlyTheLeavesThePlanPrinted() throws Exception {
        CliDatabase cli = CliDatabase.create("cli_leaves", dir, YAML);
        cli.db().exec("CREATE TABLE orders (id bigint NOT NULL, customer_id bigint NOT NULL, created_at timestamptz NOT NULL)"
                        + " PARTITION BY RANGE (created_at)",
                // takes the name the first July leaf would get: the plan must name around it
                "CREATE TABLE orders_p20260701_p0 (x int)");

        Run text = cli.run("plan");
        assertThat(text.exitCode()).as(text.toString()).isZero();
        assertThat(text.out()).contains("leaf", "orders_p20260601_p0", "WITH (MODULUS 3, REMAINDER 0)",
                "orders_p20260701_p0_1");

        Run plan = cli.run("plan", "--json");
        assertThat(plan.exitCode()).as(plan.toString()).isZero();
        JsonNode actions = new ObjectMapper().readTree(plan.out()).at("/tables/0/actions");
        assertThat(actions).hasSize(2);

        Run maintain = cli.run("maintain");
        assertThat(maintain.exitCode()).as(maintain.toString()).isZero();
        for (JsonNode create : actions) {
            String partition = create.get("partition").asText();
            List<String> printed = new ArrayList<>();
            for (JsonNode leaf : create.get("leaves")) {
                printed.add(leaf.get("partition").asText().replaceFirst("^public\\.", ""));
                String bound = cli.db().queryStrings("SELECT pg_get_expr(relpartbound, oid) FROM pg_class WHERE oid = '"
                        + leaf.get("partition").asText() + "'::regclass").get(0);
                assertThat(bound).isEqualToIgnoringCase("FOR VALUES " + leaf.at("/bound/sql").asText());
            }
            assertThat(cli.db().partitionsOf(partition)).as(partition).containsExactlyElementsOf(printed);
        }
        assertThat(cli.db().partitionsOf("public.orders_p20260701"))
                .containsExactly("orders_p20260701_p0_1", "orders_p20260701_p1", "orders_p20260701_p2");
    }
}
