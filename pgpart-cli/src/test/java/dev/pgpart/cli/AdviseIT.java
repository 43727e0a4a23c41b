package dev.pgpart.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pgpart.advise.AdviceKind;
import dev.pgpart.advise.AdviseFixture;
import dev.pgpart.test.Db;
import dev.pgpart.test.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code pgpart advise} in-process against a real PostgreSQL loading pg_stat_statements: kinds, order, exit codes, JSON. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AdviseIT {
    /** customers is a plain table with key: created_at, so a conversion target. */
    private static final String YAML = "tables:\n  public.customers:\n    interval: 1 month\n    key: created_at\n";

    @TempDir
    Path dir;

    private record Target(Db db, String url) {
    }

    private static Target withStats(String hint) {
        Db db = new Db(TestPostgres.newDatabaseWithStatementStats(hint));
        return new Target(db, TestPostgres.jdbcUrlWithStatementStats(db.queryStrings("SELECT current_database()").get(0)));
    }

    /** With {@code yaml} empty, no --config: the default pgpart.yml is absent, as for a DBA without one. */
    private Run run(Target t, String yaml, String... args) throws Exception {
        List<String> all = new ArrayList<>();
        if (!yaml.isEmpty()) {
            all.addAll(List.of("--config", Files.writeString(dir.resolve("pgpart.yml"), yaml).toString()));
        }
        all.addAll(Arrays.asList(args));
        return Run.of(Main.with(Env.of(Map.of(Env.URL, t.url())), Clock.systemUTC()), all.toArray(String[]::new));
    }

    @Test
    void everyKindFiresWorstFirstAndTheJsonNamesThemStably() throws Exception {
        Target t = withStats("cli_advise_all");
        t.db().exec(AdviseFixture.SCHEMA);
        t.db().exec(AdviseFixture.WORKLOAD);
        try (Connection c = t.db().dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TEMP TABLE picked (k int)");
            s.execute("SELECT * FROM events e JOIN picked p ON p.k = e.k");
        }
        Run run = run(t, YAML, "advise", "--json", "--planning-threshold", "0.000001");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
        JsonNode j = new ObjectMapper().readTree(run.out());
        assertThat(j.get("command").asText()).isEqualTo("advise");
        assertThat(j.get("ok").asBoolean()).isFalse();
        List<String> kinds = new ArrayList<>();
        List<String> severities = new ArrayList<>();
        j.get("advice").forEach(a -> {
            kinds.add(a.get("kind").asText());
            severities.add(a.get("severity").asText());
        });
        assertThat(kinds).containsAll(Arrays.stream(AdviceKind.values()).map(AdviceKind::jsonName).toList());
        assertThat(severities).isSortedAccordingTo((a, b) -> Integer.compare(rank(a), rank(b)));
        JsonNode first = j.get("advice").get(0);
        assertThat(first.get("severity").asText()).isEqualTo("high");
        JsonNode unpruned = find(j, "statement_not_pruning", "public.events");
        assertThat(unpruned.get("statement").get("query").asText()).isEqualTo("SELECT * FROM events WHERE v = $1");
        assertThat(unpruned.get("statement").get("calls").asLong()).isEqualTo(2);
        assertThat(find(j, "unique_lacks_key", "public.customers").get("fix").asText()).contains("created_at");
        assertThat(j.get("notes")).isEmpty();
    }

    private static int rank(String severity) {
        return List.of("high", "medium", "low").indexOf(severity);
    }

    private static JsonNode find(JsonNode j, String kind, String table) {
        for (JsonNode a : j.get("advice")) {
            if (a.get("kind").asText().equals(kind) && a.get("table").asText().equals(table)) {
                return a;
            }
        }
        throw new AssertionError("no " + kind + " for " + table + " in " + j);
    }

    @Test
    void aCleanSchemaExitsZero() throws Exception {
        Target t = withStats("cli_advise_clean");
        t.db().exec("CREATE TABLE events (id int NOT NULL, k int NOT NULL, v text) PARTITION BY RANGE (k)",
                "CREATE TABLE events_0 PARTITION OF events FOR VALUES FROM (0) TO (10)",
                "CREATE TABLE events_10 PARTITION OF events FOR VALUES FROM (10) TO (20)",
                "CREATE INDEX ON events (v)",
                "INSERT INTO events SELECT g, g % 20, 'x' FROM generate_series(1, 200) g",
                "ANALYZE",
                "SELECT * FROM events WHERE k = 5",
                "UPDATE events SET v = 'y' WHERE k = 7 AND id = 7");
        Run run = run(t, "", "advise");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("No advice");
    }

    @Test
    void tableLimitsTheReportToThatTableInText() throws Exception {
        Target t = withStats("cli_advise_table");
        t.db().exec(AdviseFixture.SCHEMA);
        Run run = run(t, YAML, "advise", "--table", "regions");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
        assertThat(run.out()).contains("2 piece(s) of advice, worst first:", "default_partition_rows public.regions",
                "list_skew public.regions", "fix:").doesNotContain("public.events", "public.customers");
    }

    @Test
    void withoutPgStatStatementsTheNoteSaysItWasSkipped() throws Exception {
        Db db = Db.create("cli_advise_nostats");
        db.exec("CREATE TABLE plain (id int PRIMARY KEY)");
        Target t = new Target(db, TestPostgres.jdbcUrl(db.queryStrings("SELECT current_database()").get(0)));
        Run run = run(t, "", "advise");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("No advice", "note: pg_stat_statements: not installed in this database, skipped");
    }

    @Test
    void aPlanningThresholdOfZeroIsAUsageError() throws Exception {
        Target t = withStats("cli_advise_usage");
        Run run = run(t, "", "advise", "--planning-threshold", "0");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).contains("--planning-threshold is 0.0");
    }
}
