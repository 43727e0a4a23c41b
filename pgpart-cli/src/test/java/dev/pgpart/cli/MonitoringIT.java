package dev.pgpart.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpart.cli.render.PromGrammar;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code metrics} and {@code status --html} against a real PostgreSQL. "Now" is 2026-06-15T12:00Z. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class MonitoringIT {
    @TempDir
    Path dir;

    private CliDatabase orders() {
        CliDatabase cli = CliDatabase.create("mon_orders", dir, MaintainIT.ORDERS_YAML);
        cli.db().exec("CREATE TABLE orders (id bigint NOT NULL, created_at timestamptz NOT NULL, amount numeric,"
                        + " PRIMARY KEY (id, created_at)) PARTITION BY RANGE (created_at)",
                "CREATE TABLE orders_default PARTITION OF orders DEFAULT",
                "INSERT INTO orders SELECT g, timestamptz '2026-01-01 12:00:00+00' + (g - 1) * interval '1 day', g"
                        + " FROM generate_series(1, 166) g");
        return cli;
    }

    @Test
    void metricsAfterMaintainGiveCoverageDefaultRowsAndTheLastRun() {
        CliDatabase cli = orders();
        cli.run("maintain", "--yes");

        Run run = cli.run("metrics");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        Map<String, String> s = PromGrammar.samples(run.out());
        long remaining = Duration.between(CliDatabase.NOW, Instant.parse("2026-09-01T00:00:00Z")).toSeconds();
        assertThat(s).containsEntry("pgpart_up", "1")
                .containsEntry("pgpart_partitions{table=\"public.orders\"}", "6")
                .containsEntry("pgpart_partitions_ahead{table=\"public.orders\"}", "2")
                .containsEntry("pgpart_coverage_covered{table=\"public.orders\"}", "1")
                .containsEntry("pgpart_coverage_remaining_seconds{table=\"public.orders\"}", Long.toString(remaining))
                .containsEntry("pgpart_default_rows{table=\"public.orders\"}", "59")
                .containsEntry("pgpart_last_run_outcome{outcome=\"ok\"}", "1")
                .containsEntry("pgpart_last_success_age_seconds", "0")
                .containsEntry("pgpart_run_history_present", "1");
        assertThat(s).containsKey("pgpart_table_bytes{table=\"public.orders\"}");
    }

    @Test
    void metricsBeforeAnyRunAreReadOnlyAndProblemsStillExitZero() {
        CliDatabase cli = orders();

        Run run = cli.run("metrics");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        Map<String, String> s = PromGrammar.samples(run.out());
        assertThat(s).containsEntry("pgpart_healthy", "0")
                .containsEntry("pgpart_run_history_present", "0")
                .containsEntry("pgpart_default_rows{table=\"public.orders\"}", "166")
                .containsEntry("pgpart_coverage_covered{table=\"public.orders\"}", "0")
                .containsEntry("pgpart_problems{table=\"pgpart.run\",kind=\"maintenance_stale\"}", "1");
        assertThat(s.keySet()).noneMatch(k -> k.startsWith("pgpart_last_"));
        assertThat(cli.db().queryLong("SELECT count(*) FROM pg_namespace WHERE nspname = 'pgpart'")).isZero();
        assertThat(cli.db().partitionsOf("public.orders")).containsExactly("orders_default");
    }

    @Test
    void metricsExitOneWithUpZeroWhenTheDatabaseCannotBeReached() throws Exception {
        Path config = Files.writeString(dir.resolve("pgpart.yml"), MaintainIT.ORDERS_YAML);
        Main main = Main.with(Env.of(Map.of(Env.URL, "jdbc:postgresql://127.0.0.1:1/none")), java.time.Clock.systemUTC());

        Run run = Run.of(main, "--config", config.toString(), "--connect-timeout", "2s", "metrics");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(PromGrammar.samples(run.out())).containsEntry("pgpart_up", "0");
        assertThat(run.err()).startsWith("pgpart: ");
    }

    @Test
    void statusHtmlWritesOneSelfContainedPageWithTheRunHistory() throws Exception {
        CliDatabase cli = orders();
        cli.run("maintain", "--yes");
        Path page = dir.resolve("status.html");

        Run run = cli.run("status", "--html", page.toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("Status page written to " + page.toAbsolutePath(), "1 table", "1 run");
        String html = Files.readString(page);
        assertThat(html).contains("public.orders", "class=\"cell current\"", "class=\"cell ahead\"", "class=\"cell default rows\"",
                "59 rows", "<span class=\"badge ok\">ok</span>").doesNotContain("http://", "https://");
        assertThat(Files.list(dir)).noneMatch(p -> p.getFileName().toString().endsWith(".tmp"));
    }

    @Test
    void aHostileTableNameIsEscapedOnThePageAndInTheMetrics() throws Exception {
        CliDatabase cli = CliDatabase.create("mon_hostile", dir, "tables:\n"
                + "  \"public.\\\"Or<d>&ers 'q'\\\"\":\n"
                + "    interval: 1 month\n    premake: 1\n    start: 2026-05-01\n");
        cli.db().exec("CREATE TABLE \"Or<d>&ers 'q'\" (created_at timestamptz NOT NULL) PARTITION BY RANGE (created_at)");
        cli.run("maintain", "--yes");
        Path page = dir.resolve("status.html");

        Run html = cli.run("status", "--html", page.toString());
        Run metrics = cli.run("metrics");

        assertThat(html.exitCode()).as(html.toString()).isZero();
        assertThat(Files.readString(page)).contains("public.&quot;Or&lt;d&gt;&amp;ers &#39;q&#39;&quot;")
                .doesNotContain("Or<d>");
        assertThat(metrics.exitCode()).as(metrics.toString()).isZero();
        assertThat(PromGrammar.samples(metrics.out()))
                .containsEntry("pgpart_partitions{table=\"public.\\\"Or<d>&ers 'q'\\\"\"}", "3");
    }

    @Test
    void htmlTogetherWithJsonIsAUsageErrorAndWritesNothing() {
        CliDatabase cli = orders();
        Path page = dir.resolve("status.html");

        Run run = cli.run("status", "--html", page.toString(), "--json");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).contains("--html and --json cannot be combined");
        assertThat(page).doesNotExist();
    }

    @Test
    void htmlIntoADirectoryThatDoesNotExistSaysSo() {
        CliDatabase cli = orders();
        Path page = dir.resolve("missing").resolve("status.html");

        Run run = cli.run("status", "--html", page.toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).contains("cannot write the status page to " + page.toAbsolutePath(), "nothing was written");
    }
}
