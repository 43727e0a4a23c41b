package dev.pgpart.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code check --at} and {@code status --at}: "will this be healthy then if cron stops?" against a
 * real PostgreSQL. "Now" is 2026-06-15T12:00Z; the table is premade until 2027-02-01.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AtIT {
    private static final String YAML = """
            tables:
              public.orders:
                interval: 1 month
                premake: 2
                start: 2026-06-01
            """;

    @TempDir
    Path dir;

    private CliDatabase premadeUntilFebruary() {
        CliDatabase cli = CliDatabase.create("cli_at", dir, YAML);
        cli.db().exec("CREATE TABLE orders (id bigint NOT NULL, created_at timestamptz NOT NULL)"
                + " PARTITION BY RANGE (created_at)");
        for (int m = 6; m <= 13; m++) {
            String from = month(m);
            String to = month(m + 1);
            cli.db().exec("CREATE TABLE orders_p" + from.replace("-", "") + " PARTITION OF orders FOR VALUES FROM ('"
                    + from + " 00:00:00+00') TO ('" + to + " 00:00:00+00')");
        }
        return cli;
    }

    /** {@code 2026-MM-01}, months past 12 running into 2027. */
    private static String month(int m) {
        return (m > 12 ? "2027-" + String.format("%02d", m - 12) : "2026-" + String.format("%02d", m)) + "-01";
    }

    @Test
    void checkIsHealthyNowButNotOnADateAfterThePremadePartitionsRunOut() throws Exception {
        CliDatabase cli = premadeUntilFebruary();
        assertThat(cli.run("maintain").exitCode()).isZero(); // nothing to create; the run is recorded
        Run now = cli.run("check");
        assertThat(now.exitCode()).as(now.toString()).isZero();

        Run later = cli.run("check", "--at", "2027-03-01", "--json");
        assertThat(later.exitCode()).as(later.toString()).isEqualTo(3);
        JsonNode json = new ObjectMapper().readTree(later.out());
        assertThat(json.get("at").asText()).isEqualTo("2027-03-01T00:00:00Z");
        assertThat(json.get("healthy").asBoolean()).isFalse();
        // by then, if cron stopped today, the last successful maintain is months old too
        assertThat(json.get("findings")).anySatisfy(f -> assertThat(f.get("kind").asText()).isEqualTo("maintenance_stale"));
        java.util.List<JsonNode> orders = new java.util.ArrayList<>();
        json.get("findings").forEach(f -> {
            if (f.get("table").asText().equals("public.orders")) {
                orders.add(f);
            }
        });
        assertThat(orders).singleElement().satisfies(f -> {
            assertThat(f.get("kind").asText()).isEqualTo("coverage_low");
            assertThat(f.get("severity").asText()).isEqualTo("problem");
            assertThat(f.get("message").asText()).contains("no partition holds now (2027-03-01 00:00:00+00)");
        });
        assertThat(cli.db().partitionsOf("public.orders")).hasSize(8); // check --at changes nothing
    }

    @Test
    void checkAtAMonthBeforeTheEndWarnsThatFewerThanPremakeAreLeft() {
        CliDatabase cli = premadeUntilFebruary();
        Run run = cli.run("check", "--at", "2026-12-15");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
        assertThat(run.out()).contains("only 1 partition(s) ready after the one holding now", "premake is 2");
    }

    @Test
    void statusAtShowsTheTimelineAndWhatIsAheadAsOfThatTime() throws Exception {
        CliDatabase cli = premadeUntilFebruary();
        JsonNode now = table(cli.run("status", "--json"));
        assertThat(now.get("ahead").asInt()).isEqualTo(7);
        assertThat(now.get("timeline").asText()).isEqualTo("@+++++++");

        Run run = cli.run("status", "--at", "2027-01-15", "--json");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(new ObjectMapper().readTree(run.out()).get("at").asText()).isEqualTo("2027-01-15T00:00:00Z");
        JsonNode january = table(run);
        assertThat(january.get("ahead").asInt()).isZero();
        assertThat(january.get("timeline").asText()).isEqualTo("#######@");
        assertThat(january.get("coveredUntil").asText()).isEqualTo("2027-02-01 00:00:00+00");

        JsonNode march = table(cli.run("status", "--at", "2027-03-01", "--json"));
        assertThat(march.get("coveredUntil").isNull()).isTrue();
        assertThat(march.get("findings")).singleElement()
                .satisfies(f -> assertThat(f.get("kind").asText()).isEqualTo("coverage_low"));
    }

    private static JsonNode table(Run run) throws Exception {
        assertThat(run.exitCode()).as(run.toString()).isZero();
        return new ObjectMapper().readTree(run.out()).at("/tables/0");
    }
}
