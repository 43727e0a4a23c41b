package dev.pgpart.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pgpart.test.TestPostgres;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code pgpart explain} in-process against a real PostgreSQL: verdicts, exit codes, JSON. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ExplainIT {
    @TempDir
    Path dir;

    private CliDatabase events() {
        CliDatabase cli = CliDatabase.create("cli_explain", dir, "");
        cli.db().exec("CREATE TABLE events (id int NOT NULL, k int NOT NULL) PARTITION BY RANGE (k)",
                "CREATE TABLE events_0 PARTITION OF events FOR VALUES FROM (0) TO (10)",
                "CREATE TABLE events_10 PARTITION OF events FOR VALUES FROM (10) TO (20)",
                "CREATE TABLE events_20 PARTITION OF events FOR VALUES FROM (20) TO (30) PARTITION BY HASH (id)",
                "CREATE TABLE events_20_h0 PARTITION OF events_20 FOR VALUES WITH (MODULUS 2, REMAINDER 0)",
                "CREATE TABLE events_20_h1 PARTITION OF events_20 FOR VALUES WITH (MODULUS 2, REMAINDER 1)",
                "INSERT INTO events SELECT g, g % 30 FROM generate_series(1, 90) g",
                "CREATE TABLE plain (id int)");
        return cli;
    }

    private static JsonNode json(Run run) throws Exception {
        return new ObjectMapper().readTree(run.out());
    }

    @Test
    void aPrunedStatementExitsZeroWithATableRowAndThePlan() {
        Run run = events().run("explain", "SELECT * FROM events WHERE k = 15");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("statement as written", "public.events", "range", "ok",
                "public.events scans public.events_10", "Seq Scan on public.events_10");
    }

    @Test
    void aFullScanExitsThreeAndTheJsonCountsSubPartitionLeaves() throws Exception {
        Run run = events().run("explain", "--json", "SELECT count(*) FROM events");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
        JsonNode j = json(run);
        assertThat(j.get("command").asText()).isEqualTo("explain");
        assertThat(j.get("ok").asBoolean()).isFalse();
        JsonNode t = j.get("tables").get(0);
        assertThat(t.get("table").asText()).isEqualTo("public.events");
        assertThat(t.get("partitions").asInt()).isEqualTo(4);
        assertThat(t.get("scanned").asInt()).isEqualTo(4);
        assertThat(t.get("limit").asInt()).isEqualTo(1);
        assertThat(t.get("ok").asBoolean()).isFalse();
        assertThat(t.has("neverExecuted")).isFalse();
    }

    @Test
    void maxPartitionsRaisesTheLimit() {
        Run run = events().run("explain", "--max-partitions", "4", "SELECT count(*) FROM events");
        assertThat(run.exitCode()).as(run.toString()).isZero();
    }

    @Test
    void aNegativeLimitIsAUsageError() {
        Run run = events().run("explain", "--max-partitions", "-1", "SELECT 1");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).contains("--max-partitions is -1");
    }

    @Test
    void paramValuesAreBoundAndTheModeSaysSo() throws Exception {
        Run run = events().run("explain", "--json", "--param", "25", "--param", "3",
                "SELECT * FROM events WHERE k = $1 AND id = $2");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode j = json(run);
        assertThat(j.get("mode").asText()).isEqualTo("bound_values");
        assertThat(j.get("params").get(0).asText()).isEqualTo("25");
        assertThat(j.get("tables").get(0).get("scanned").asInt()).isEqualTo(1);
    }

    @Test
    void aWrongNumberOfValuesIsAUsageError() {
        Run run = events().run("explain", "--param", "1", "SELECT * FROM events WHERE k = ? AND id = ?");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).contains("2 parameter(s) but 1 value(s)");
    }

    @Test
    void fromSixteenOnParametersWithoutValuesGetAGenericPlan() throws Exception {
        TestPostgres.assumeMajorAtLeast(16);
        Run run = events().run("explain", "--json", "SELECT * FROM events WHERE k = ?");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
        JsonNode j = json(run);
        assertThat(j.get("mode").asText()).isEqualTo("generic_plan");
        assertThat(j.get("sql").asText()).isEqualTo("SELECT * FROM events WHERE k = $1");
        assertThat(j.get("tables").get(0).get("afterPlanTimePruning").asInt()).isEqualTo(4);
    }

    @Test
    void beforeSixteenParametersWithoutValuesAreAUsageErrorAskingForParam() {
        Assumptions.assumeTrue(TestPostgres.serverVersionNum() < 160000, "16+ has GENERIC_PLAN");
        Run run = events().run("explain", "SELECT * FROM events WHERE k = $1");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).contains("--param", "GENERIC_PLAN");
    }

    @Test
    void analyzeRunsADeleteAndRollsItBack() throws Exception {
        CliDatabase cli = events();
        long before = cli.db().queryLong("SELECT count(*) FROM events");
        Run run = cli.run("explain", "--analyze", "--json", "--param", "15", "DELETE FROM events WHERE k = $1");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode t = json(run).get("tables").get(0);
        assertThat(json(run).get("analyzed").asBoolean()).isTrue();
        assertThat(t.get("neverExecuted").asInt()).isZero();
        assertThat(cli.db().queryLong("SELECT count(*) FROM events")).isEqualTo(before).isPositive();
    }

    @Test
    void aPlainTableGivesNoVerdictAndExitsZero() {
        Run run = events().run("explain", "SELECT * FROM plain");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("No partitioned table is scanned");
    }

    @Test
    void aServerErrorExitsOneWithTheServerMessage() {
        Run run = events().run("explain", "SELECT * FROM missing_table");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.err()).contains("relation \"missing_table\" does not exist", "rolled back");
    }

    @Test
    void aSecondStatementIsAUsageErrorAndNothingRuns() {
        CliDatabase cli = events();
        Run run = cli.run("explain", "--analyze", "SELECT 1; DROP TABLE plain");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(cli.db().queryLong("SELECT count(*) FROM pg_class WHERE relname = 'plain'")).isEqualTo(1);
    }
}
