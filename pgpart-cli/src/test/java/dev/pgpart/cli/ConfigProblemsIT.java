package dev.pgpart.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Problems of the file and of the database are listed together, in one run, by validate and by plan. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ConfigProblemsIT {
    /** An unknown key on one table (a file problem), a table the database does not have on the other. */
    static final String YAML = """
            tables:
              public.orders:
                interval: 1 month
                premake_count: 3
              public.missing:
                interval: 1 day
            """;

    @TempDir
    Path dir;

    private CliDatabase cli() {
        CliDatabase cli = CliDatabase.create("cli_kinds", dir, YAML);
        cli.db().exec("CREATE TABLE orders (id bigint, created_at timestamptz NOT NULL) PARTITION BY RANGE (created_at)");
        return cli;
    }

    @Test
    void validateListsAnUnknownKeyOnOneTableAndAMissingTableOnAnother() {
        Run run = cli().run("validate");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.out()).contains("2 problems in the file and against the database:",
                "pgpart.yml:4 tables.\"public.orders\".premake_count: unknown key 'premake_count'",
                "database tables.\"public.missing\": table public.missing does not exist");
    }

    @Test
    void validateAsJsonNamesEachProblemsTable() throws Exception {
        Run run = cli().run("validate", "--json");
        JsonNode problems = new ObjectMapper().readTree(run.out()).get("problems");
        assertThat(problems).hasSize(2);
        assertThat(problems.get(0).get("table").asText()).isEqualTo("public.orders");
        assertThat(problems.get(1).get("table").asText()).isEqualTo("public.missing");
    }

    @Test
    void planFailsWithBothProblemsInOneMessageAndChangesNothing() {
        CliDatabase cli = cli();
        Run run = cli.run("plan");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).contains("2 configuration problems:", "unknown key 'premake_count'",
                "table public.missing does not exist");
        assertThat(cli.db().partitionsOf("public.orders")).isEmpty();
    }
}
