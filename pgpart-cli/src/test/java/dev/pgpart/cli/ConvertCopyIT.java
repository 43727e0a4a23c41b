package dev.pgpart.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** pgpart convert ... with the copy strategy, through the CLI, on a real database (now is 2026-06-15). */
@Timeout(120)
class ConvertCopyIT {
    static final String TABLE = "tables:\n  public.orders:\n    interval: 1 month\n    premake: 2\n    key: created_at\n";
    static final String COPY = TABLE + "    convert:\n      strategy: copy\n      batch_size: 100\n";
    static final ObjectMapper JSON = new ObjectMapper();

    static CliDatabase orders(String hint, Path dir, String yaml) {
        CliDatabase d = CliDatabase.create(hint, dir, yaml);
        d.db().exec("CREATE TABLE orders (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, n int NOT NULL,"
                        + " created_at timestamptz NOT NULL)",
                "CREATE INDEX orders_n_idx ON orders (n)",
                "INSERT INTO orders (n, created_at) SELECT g, timestamptz '2026-01-01 00:00Z' + g * interval '7 hours'"
                        + " FROM generate_series(1, 500) g");
        return d;
    }

    static JsonNode json(Run r) throws Exception {
        return JSON.readTree(r.out());
    }

    static List<String> texts(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.get(field).asText()));
        return out;
    }

    @Test
    void planShowsTheCopyPhasesWithTheirSqlAndTheExtraDiskOfACopy(@TempDir Path dir) throws Exception {
        CliDatabase d = orders("cli_copy_plan", dir, TABLE);
        Run r = d.run("convert", "plan", "public.orders", "--strategy", "copy", "--json");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        JsonNode p = json(r);
        assertThat(p.get("strategy").asText()).isEqualTo("copy");
        assertThat(p.get("ready").asBoolean()).isTrue();
        assertThat(texts(p.get("phases"), "name"))
                .containsExactly("copy.prepare", "copy.sync", "copy.backfill", "copy.indexes", "copy.verify", "copy.cutover");
        assertThat(p.get("phases").get(0).get("statements").get(0).asText())
                .startsWith("CREATE TABLE \"public\".\"orders_pgpart_new\" (LIKE \"public\".\"orders\"");
        assertThat(p.get("phases").get(1).get("statements").toString()).contains("CREATE TRIGGER \\\"pgpart_sync\\\"");
        assertThat(p.get("extra_bytes").asLong()).isEqualTo(d.db().queryLong("SELECT pg_table_size('orders')"
                + " + pg_indexes_size('orders')"));
        assertThat(p.get("carried").toString()).contains("index orders_n_idx");
        assertThat(d.db().queryLong("SELECT count(*) FROM pg_class WHERE relname LIKE 'orders_pgpart%'")).isZero();
    }

    @Test
    void backfillWorkersCopyOnTwoSessionsEachOnASliceAndThePlanSaysSo(@TempDir Path dir) throws Exception {
        CliDatabase d = orders("cli_copy_workers", dir, COPY + "      backfill_workers: 2\n");
        Run plan = d.run("convert", "plan", "public.orders", "--json");
        assertThat(plan.exitCode()).as(plan.toString()).isZero();
        assertThat(json(plan).get("phases").get(2).get("statements").get(0).asText())
                .isEqualTo("-- 100 rows per transaction, in primary-key order, 2 sessions at once, each on its own slice"
                        + " of the id range:");
        Run run = d.run("convert", "run", "public.orders");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(d.db().queryStrings("SELECT checkpoint ->> 'backfill.slices' FROM pgpart.job")).containsExactly("2");
        assertThat(d.db().queryLong("SELECT count(*) FROM orders_pgpart_new")).isEqualTo(500);
        assertThat(d.db().queryLong("SELECT count(*) FROM ((TABLE orders EXCEPT TABLE orders_pgpart_new)"
                + " UNION ALL (TABLE orders_pgpart_new EXCEPT TABLE orders)) d")).isZero();
    }

    @Test
    void farFutureRowsBlockTheCopyWithExit3BecauseTheyWouldLandInTheDefault(@TempDir Path dir) throws Exception {
        CliDatabase d = orders("cli_copy_far", dir, COPY);
        d.db().exec("INSERT INTO orders (n, created_at) VALUES (-1, '2999-01-01 00:00Z')");
        Run plan = d.run("convert", "plan", "public.orders", "--json");
        assertThat(plan.exitCode()).as(plan.toString()).isEqualTo(3);
        assertThat(texts(json(plan).get("blockers"), "problem")).singleElement().asString()
                .startsWith("1 row(s) have created_at at or above 2026-09-01 00:00:00+00 (highest 2999-01-01 00:00:00+00)");
        Run run = d.run("convert", "run", "public.orders", "--cutover");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
        assertThat(d.db().queryLong("SELECT count(*) FROM pg_class WHERE relname LIKE 'orders_pgpart%'")).isZero();
    }

    @Test
    void runStopsReadyForCutoverThenTheCutoverRunSwapsWithoutCopyingAgainAndUndoKeepsLaterWrites(@TempDir Path dir)
            throws Exception {
        CliDatabase d = orders("cli_copy_run", dir, COPY);
        long oid = d.db().queryLong("SELECT 'orders'::regclass::oid");
        Run first = d.run("convert", "run", "public.orders", "--json");
        assertThat(first.exitCode()).as(first.toString()).isZero();
        JsonNode one = json(first);
        assertThat(one.get("swapped").asBoolean()).isFalse();
        assertThat(one.get("job").get("done").asLong()).isEqualTo(500);
        assertThat(first.err()).contains("public.orders: phase copy.backfill").contains("copy.backfill: 500 / 500 rows (100%)");
        assertThat(d.db().queryStrings("SELECT relkind::text FROM pg_class WHERE oid = 'public.orders'::regclass")).containsExactly("r");

        JsonNode ready = json(d.run("convert", "status", "public.orders", "--json"));
        assertThat(ready.get("stage").asText()).isEqualTo("ready_for_cutover");
        assertThat(ready.get("strategy").asText()).isEqualTo("copy");
        assertThat(ready.get("rows_done").asLong()).isEqualTo(500);
        assertThat(ready.get("rows_total").asLong()).isEqualTo(500);
        assertThat(ready.get("sync_lag_seconds").asLong()).isZero();
        assertThat(ready.get("last_error").isNull()).isTrue();

        d.db().exec("INSERT INTO orders (n, created_at) VALUES (1000, '2026-06-01')", "UPDATE orders SET n = -n WHERE n = 2",
                "DELETE FROM orders WHERE n = 3");
        Run cut = d.run("convert", "run", "public.orders", "--cutover", "--json");
        assertThat(cut.exitCode()).as(cut.toString()).isZero();
        JsonNode two = json(cut);
        assertThat(two.get("swapped").asBoolean()).isTrue();
        // the same job went on: its row counter is the first run's, nothing was copied again
        assertThat(two.get("job").get("id").asLong()).isEqualTo(one.get("job").get("id").asLong());
        assertThat(two.get("job").get("done").asLong()).isEqualTo(500);
        assertThat(cut.err()).doesNotContain("copy.backfill");
        assertThat(d.db().queryLong("SELECT count(*) FROM pgpart.job")).isEqualTo(1);
        assertThat(d.db().queryStrings("SELECT relkind::text FROM pg_class WHERE oid = 'public.orders'::regclass")).containsExactly("p");
        assertThat(d.db().queryLong("SELECT count(*) FROM orders")).isEqualTo(500);
        assertThat(json(d.run("convert", "status", "public.orders", "--json")).get("stage").asText()).isEqualTo("converted");

        d.db().exec("INSERT INTO orders (n, created_at) VALUES (2000, '2026-07-01')", "UPDATE orders SET n = -n WHERE n = 4",
                "DELETE FROM orders WHERE n = 5");
        Run dry = d.run("convert", "undo", "public.orders");
        assertThat(dry.exitCode()).as(dry.toString()).isEqualTo(3);
        assertThat(dry.out()).contains("DROP TABLE \"public\".\"orders_pgpart_new\"");
        Run undo = d.run("convert", "undo", "public.orders", "--yes");
        assertThat(undo.exitCode()).as(undo.toString()).isZero();
        assertThat(d.db().queryLong("SELECT 'orders'::regclass::oid")).isEqualTo(oid);
        assertThat(d.db().queryStrings("SELECT relkind::text FROM pg_class WHERE oid = 'public.orders'::regclass")).containsExactly("r");
        assertThat(d.db().queryStrings("SELECT n FROM orders WHERE n IN (1000, 2000, -2, -4, 3, 5, 2, 4) ORDER BY n"))
                .containsExactly("-4", "-2", "1000", "2000");
        assertThat(d.db().queryLong("SELECT count(*) FROM orders")).isEqualTo(500);
        assertThat(d.db().queryLong("SELECT count(*) FROM pg_class WHERE relname LIKE 'orders_pgpart%'")).isZero();
        JsonNode after = json(d.run("convert", "status", "public.orders", "--json"));
        assertThat(after.get("stage").asText()).isEqualTo("not_started");
        assertThat(after.get("job").get("state").asText()).isEqualTo("cancelled");
    }

    @Test
    void cutoverAutoSwapsInOneRunThenFinalizeDropsTheOriginalAndTheTableNeedsNoMaintenance(@TempDir Path dir)
            throws Exception {
        CliDatabase d = orders("cli_copy_final", dir, COPY + "      cutover: auto\n");
        Run run = d.run("convert", "run", "public.orders", "--json");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(json(run).get("swapped").asBoolean()).isTrue();

        Run dry = d.run("convert", "finalize", "public.orders");
        assertThat(dry.exitCode()).as(dry.toString()).isEqualTo(3);
        assertThat(dry.out()).contains("DROP TABLE \"public\".\"orders_pgpart_old\"");
        assertThat(d.db().queryLong("SELECT count(*) FROM pg_class WHERE relname = 'orders_pgpart_old'")).isEqualTo(1);
        Run fin = d.run("convert", "finalize", "public.orders", "--yes", "--json");
        assertThat(fin.exitCode()).as(fin.toString()).isZero();
        assertThat(json(fin).get("applied").asBoolean()).isTrue();
        assertThat(d.db().queryLong("SELECT count(*) FROM pg_class WHERE relname LIKE 'orders_pgpart%'")).isZero();
        assertThat(d.db().queryLong("SELECT count(*) FROM pg_proc WHERE proname LIKE 'pgpart_%sync_orders'")).isZero();
        assertThat(d.db().queryLong("SELECT count(*) FROM pgpart.job")).isZero();
        assertThat(d.db().queryLong("SELECT count(*) FROM orders")).isEqualTo(500);

        Run plan = d.run("plan", "--json");
        assertThat(plan.exitCode()).as(plan.toString()).isZero();
        assertThat(plan.out()).doesNotContain("create_partition");
        assertThat(d.run("maintain", "--yes").exitCode()).isZero(); // scheduled maintenance, which has nothing to do
        assertThat(d.db().queryLong("SELECT count(*) FROM pgpart.run_action")).isZero();
        Run check = d.run("check");
        assertThat(check.exitCode()).as(check.toString()).isZero();
        d.db().exec("INSERT INTO orders (n, created_at) VALUES (-1, '2026-08-31')");
    }

    @Test
    void undoWaitsForNoRunnerItRefusesWhileAnotherSessionHoldsTheJobLock(@TempDir Path dir) throws Exception {
        CliDatabase d = orders("cli_copy_lock", dir, COPY);
        assertThat(d.run("convert", "run", "public.orders").exitCode()).isZero();
        try (Connection other = d.db().dataSource().getConnection(); Statement s = other.createStatement()) {
            s.execute("SELECT pg_advisory_lock(x'7067746a'::int, hashtext('public.orders'))");
            Run undo = d.run("convert", "undo", "public.orders", "--yes");
            assertThat(undo.exitCode()).as(undo.toString()).isEqualTo(1);
            assertThat(undo.err()).contains("another runner is working on public.orders");
            Run fin = d.run("convert", "run", "public.orders", "--cutover");
            assertThat(fin.exitCode()).as(fin.toString()).isEqualTo(1);
        }
        assertThat(d.db().queryLong("SELECT count(*) FROM pg_class WHERE relname = 'orders_pgpart_new'")).isEqualTo(1);
        assertThat(json(d.run("convert", "status", "public.orders", "--json")).get("stage").asText())
                .isEqualTo("ready_for_cutover");
    }
}
