package dev.pgpart.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** pgpart convert plan|run|status|undo|finalize: exit codes, JSON, and the database's state. */
@Timeout(120)
class ConvertIT {
    static final String YAML = "tables:\n  public.orders:\n    interval: 1 month\n    premake: 2\n    key: created_at\n";

    static CliDatabase orders(String hint, Path dir) {
        CliDatabase d = CliDatabase.create(hint, dir, YAML);
        d.db().exec("CREATE TABLE orders (id bigserial PRIMARY KEY, created_at timestamptz NOT NULL)",
                "INSERT INTO orders (created_at) SELECT timestamptz '2026-01-01 00:00Z' + g * interval '1 hour' FROM generate_series(1, 500) g");
        return d;
    }

    @Test
    void planIsReadyExits0AndPrintsJsonWithThePhases(@TempDir Path dir) throws Exception {
        CliDatabase d = orders("cli_convert_plan", dir);
        Run r = d.run("convert", "plan", "public.orders", "--json");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.get("ready").asBoolean()).isTrue();
        assertThat(json.get("boundary").asText()).isEqualTo("2026-08-01 00:00:00+00");
        assertThat(json.get("phases").get(0).get("name").asText()).isEqualTo("attach.indexes");
    }

    @Test
    void beforeConversionCheckReportsNotConvertedYetAndMaintainSkipsIt(@TempDir Path dir) {
        CliDatabase d = orders("cli_convert_check", dir);
        Run check = d.run("check");
        assertThat(check.exitCode()).as(check.toString()).isEqualTo(3);
        assertThat(check.out()).contains("not converted yet");
        Run maintain = d.run("maintain", "--yes");
        assertThat(maintain.exitCode()).as(maintain.toString()).isZero();
        assertThat(maintain.err()).contains("was left out (not converted yet)");
    }

    @Test
    void runWithCutoverConvertsThenStatusSaysConvertedAndFinalizeNeedsYes(@TempDir Path dir) throws Exception {
        CliDatabase d = orders("cli_convert_run", dir);
        Run run = d.run("convert", "run", "public.orders", "--cutover");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(d.db().queryStrings("SELECT relkind::text FROM pg_class WHERE oid = 'public.orders'::regclass")).containsExactly("p");
        assertThat(d.db().queryLong("SELECT count(*) FROM orders")).isEqualTo(500);
        d.db().exec("INSERT INTO orders (created_at) VALUES ('2026-08-02')");
        assertThat(d.db().queryLong("SELECT max(id) FROM orders")).isEqualTo(501);

        Run status = d.run("convert", "status", "public.orders", "--json");
        assertThat(new ObjectMapper().readTree(status.out()).get("stage").asText()).isEqualTo("converted");
        assertThat(d.run("plan", "--json").out()).doesNotContain("create_partition");
        assertThat(d.run("maintain", "--yes").exitCode()).isZero(); // scheduled maintenance, which has nothing to do
        Run check = d.run("check");
        assertThat(check.exitCode()).as(check.toString()).isZero();

        assertThat(d.run("convert", "finalize", "public.orders").exitCode()).isEqualTo(3);
        Run undoDry = d.run("convert", "undo", "public.orders");
        assertThat(undoDry.exitCode()).as(undoDry.toString()).isEqualTo(3);
        assertThat(undoDry.out()).contains("ALTER TABLE \"public\".\"orders\" DETACH PARTITION \"public\".\"orders_pgpart_old\"");
        Run fin = d.run("convert", "finalize", "public.orders", "--yes");
        assertThat(fin.exitCode()).as(fin.toString()).isZero();
        assertThat(d.db().queryLong("SELECT count(*) FROM pgpart.job WHERE kind = 'convert'")).isZero();
    }

    @Test
    void undoBeforeTheSwapDropsWhatTheConversionAdded(@TempDir Path dir) {
        CliDatabase d = orders("cli_convert_undo", dir);
        assertThat(d.run("convert", "run", "public.orders").exitCode()).isZero();
        assertThat(d.db().queryLong("SELECT count(*) FROM pg_class WHERE relname = 'orders_pgpart_pkey'")).isEqualTo(1);
        Run dry = d.run("convert", "undo", "public.orders");
        assertThat(dry.exitCode()).isEqualTo(3);
        assertThat(dry.out()).contains("DROP INDEX CONCURRENTLY \"public\".\"orders_pgpart_pkey\"");
        Run undo = d.run("convert", "undo", "public.orders", "--yes");
        assertThat(undo.exitCode()).as(undo.toString()).isZero();
        assertThat(d.db().queryLong("SELECT count(*) FROM pg_class WHERE relname = 'orders_pgpart_pkey'")).isZero();
    }
}
