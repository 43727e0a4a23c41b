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
 * plan / maintain / status / check against a real PostgreSQL, asserting exit codes, output and
 * the database's real state. "Now" is 2026-06-15T12:00Z.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class MaintainIT {
    static final String ORDERS_YAML = """
            lock_timeout: 2s
            tables:
              public.orders:
                interval: 1 month
                premake: 2
                start: 2026-01-01
                retention: 3 months
                on_expiry: drop
                default_partition: true
            """;

    @TempDir
    Path dir;

    private CliDatabase ordersWithRowsInDefault() {
        return ordersWithRowsInDefault(ORDERS_YAML);
    }

    private CliDatabase ordersWithRowsInDefault(String yaml) {
        CliDatabase cli = CliDatabase.create("cli_orders", dir, yaml);
        cli.db().exec("CREATE TABLE orders (id bigint NOT NULL, created_at timestamptz NOT NULL, amount numeric,"
                        + " PRIMARY KEY (id, created_at)) PARTITION BY RANGE (created_at)",
                "CREATE TABLE orders_default PARTITION OF orders DEFAULT",
                // one row per day from 2026-01-01 to 2026-06-15: 166 rows
                "INSERT INTO orders SELECT g, timestamptz '2026-01-01 12:00:00+00' + (g - 1) * interval '1 day', g"
                        + " FROM generate_series(1, 166) g");
        return cli;
    }

    @Test
    void planShowsTheCreatesAndChangesNothing() {
        CliDatabase cli = ordersWithRowsInDefault();
        Run run = cli.run("plan");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("public.orders", "create", "orders_p20260601", "orders_p20260801", "out of the default");
        assertThat(cli.db().partitionsOf("public.orders")).containsExactly("orders_default");
    }

    @Test
    void planAsJsonListsActionsInTheDocumentedShape() throws Exception {
        CliDatabase cli = ordersWithRowsInDefault();
        Run run = cli.run("plan", "--json");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode plan = new ObjectMapper().readTree(run.out());
        assertThat(plan.get("at").asText()).isEqualTo("2026-06-15T12:00:00Z");
        JsonNode first = plan.at("/tables/0/actions/0");
        assertThat(plan.at("/tables/0/table").asText()).isEqualTo("public.orders");
        assertThat(first.get("type").asText()).isEqualTo("create");
        assertThat(first.at("/bound/kind").asText()).isEqualTo("range");
    }

    @Test
    void maintainCreatesPartitionsAndMovesRowsOutOfTheDefault() {
        CliDatabase cli = ordersWithRowsInDefault();
        Run run = cli.run("maintain");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("applied", "create", "orders_p20260601");
        assertThat(cli.db().partitionsOf("public.orders"))
                .contains("orders_default", "orders_p20260601", "orders_p20260701", "orders_p20260801");
        assertThat(cli.db().queryLong("SELECT count(*) FROM orders")).isEqualTo(166);
        assertThat(cli.db().queryLong("SELECT count(*) FROM orders_default WHERE created_at >= '2026-03-01'")).isZero();
        assertThat(cli.db().queryLong("SELECT count(*) FROM orders_p20260601")).isEqualTo(15);
    }

    @Test
    void maintainAgainHasNothingToDo() throws Exception {
        CliDatabase cli = ordersWithRowsInDefault();
        cli.run("maintain", "--yes");
        Run again = cli.run("maintain", "--yes", "--json");
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(new ObjectMapper().readTree(again.out()).findValue("applied").asInt()).isZero();
    }

    @Test
    void retentionNeedsConsentExitsThreeWithoutAndDropsWith() {
        CliDatabase cli = ordersWithRowsInDefault();
        Run first = cli.run("maintain", "--yes", "--at", "2026-03-15");
        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(cli.db().partitionsOf("public.orders")).contains("orders_p20260101");

        Run noConsent = cli.run("maintain");
        assertThat(noConsent.exitCode()).as(noConsent.toString()).isEqualTo(3);
        assertThat(noConsent.out()).contains("skipped", "drop", "orders_p20260101", "--yes");
        assertThat(cli.db().partitionsOf("public.orders")).contains("orders_p20260101");

        Run consent = cli.run("maintain", "--yes");
        assertThat(consent.exitCode()).as(consent.toString()).isZero();
        assertThat(consent.out()).contains("applied", "drop", "orders_p20260101");
        assertThat(cli.db().queryLong("SELECT count(*) FROM pg_class WHERE relname = 'orders_p20260101'")).isZero();
    }

    @Test
    void skipCreateLeavesTheTableAlone() {
        CliDatabase cli = ordersWithRowsInDefault();
        Run run = cli.run("maintain", "--skip-create", "--yes");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(cli.db().partitionsOf("public.orders")).containsExactly("orders_default");
    }

    @Test
    void statusShowsCoverageAndDefaultRows() throws Exception {
        CliDatabase cli = ordersWithRowsInDefault();
        cli.run("maintain", "--yes");
        Run text = cli.run("status");
        assertThat(text.exitCode()).as(text.toString()).isZero();
        assertThat(text.out()).contains("public.orders", "range", "created_at", "2026-09-01");
        JsonNode json = new ObjectMapper().readTree(cli.run("status", "--json").out());
        JsonNode orders = json.at("/tables/0");
        assertThat(orders.get("method").asText()).isEqualTo("range");
        assertThat(orders.get("hasDefault").asBoolean()).isTrue();
        assertThat(orders.get("ahead").asInt()).isEqualTo(2);
        assertThat(orders.get("coveredUntil").asText()).startsWith("2026-09-01");
    }

    @Test
    void checkIsHealthyAfterMaintenanceAndExitsThreeWhenCoverageIsMissing() {
        // without retention: rows older than retention would (rightly) stay in the default and be reported
        CliDatabase cli = ordersWithRowsInDefault(ORDERS_YAML.replace("    retention: 3 months\n    on_expiry: drop\n", ""));
        Run before = cli.run("check");
        assertThat(before.exitCode()).as(before.toString()).isEqualTo(3);
        assertThat(before.out()).contains("public.orders: ");

        cli.run("maintain", "--yes");
        Run after = cli.run("check");
        assertThat(after.exitCode()).as(after.toString()).isZero();
        assertThat(after.out()).startsWith("OK");
    }

    @Test
    void checkPrintsNotesAfterTheProblemsAndTheyDoNotChangeTheExitCode() throws Exception {
        CliDatabase cli = CliDatabase.create("cli_notes", dir, ORDERS_YAML);
        cli.db().exec("CREATE TABLE orders (id bigint NOT NULL, created_at timestamptz NOT NULL,"
                        + " PRIMARY KEY (id, created_at)) PARTITION BY RANGE (created_at)",
                "CREATE TABLE orders_2025_01 PARTITION OF orders"
                        + " FOR VALUES FROM ('2025-01-01 00:00:00+00') TO ('2025-02-01 00:00:00+00')");
        cli.run("maintain", "--yes");

        Run text = cli.run("check");
        Run json = cli.run("check", "--json");

        assertThat(text.exitCode()).as(text.toString()).isZero();
        assertThat(text.out()).contains("public.orders: partition public.orders_2025_01 has expired", "(note)",
                "OK: no problems (1 note)");
        JsonNode findings = new ObjectMapper().readTree(json.out()).get("findings");
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.get("severity").asText()).isEqualTo("note");
            assertThat(f.get("kind").asText()).isEqualTo("unmanaged_expired");
        });
    }

    @Test
    void aMissingConfiguredTableExitsTwoNamingItWhileTheOtherTablesArePlannedAndMaintained() throws Exception {
        CliDatabase cli = CliDatabase.create("cli_one_missing", dir, ORDERS_YAML + """
                  public.events:
                    interval: 1000
                    premake: 1
                """);
        cli.db().exec("CREATE TABLE events (id bigint) PARTITION BY RANGE (id)");

        Run plan = cli.run("plan", "--json");
        Run maintain = cli.run("maintain");

        assertThat(plan.exitCode()).as(plan.toString()).isEqualTo(2);
        JsonNode json = new ObjectMapper().readTree(plan.out());
        assertThat(json.at("/skipped/0/table").asText()).isEqualTo("public.orders");
        assertThat(json.at("/skipped/0/reason").asText()).isEqualTo("config");
        assertThat(json.at("/tables/1/actions")).hasSize(2);
        assertThat(maintain.exitCode()).as(maintain.toString()).isEqualTo(2);
        assertThat(maintain.err()).contains("public.orders was left out (configuration problem)", "does not exist");
        assertThat(maintain.out()).contains("public.orders: nothing to do", "not planned: table public.orders does not exist");
        assertThat(cli.db().partitionsOf("public.events")).containsExactly("events_p0", "events_p1000");
    }

    @Test
    void aReadOnlyDatabaseFailsMaintainWithOneLineAndNoSql() {
        CliDatabase cli = ordersWithRowsInDefault();
        String db = cli.db().queryStrings("SELECT current_database()").get(0);
        cli.db().exec("ALTER DATABASE \"" + db + "\" SET default_transaction_read_only = on");

        Run run = cli.run("maintain", "--jobs", "2");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.err()).contains("the database is read-only (default_transaction_read_only is on); nothing was run")
                .doesNotContain("CREATE TABLE").doesNotContain("25006");
        assertThat(run.err().lines().filter(l -> l.startsWith("pgpart:")).count()).isEqualTo(1);
        assertThat(cli.db().partitionsOf("public.orders")).containsExactly("orders_default");
    }

    @Test
    void aLockHeldByAnotherSessionFailsTheTableWithExitOne() throws Exception {
        CliDatabase cli = CliDatabase.create("cli_locked", dir, ORDERS_YAML.replace("lock_timeout: 2s", "lock_timeout: 100ms"));
        cli.db().exec("CREATE TABLE orders (id bigint NOT NULL, created_at timestamptz NOT NULL,"
                + " PRIMARY KEY (id, created_at)) PARTITION BY RANGE (created_at)");
        try (var c = cli.db().dataSource().getConnection(); var s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("LOCK TABLE orders IN ACCESS EXCLUSIVE MODE");
            Run run = cli.run("maintain", "--lock-wait", "0");
            assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
            assertThat(run.out() + run.err()).containsIgnoringCase("lock");
            c.rollback();
        }
        assertThat(cli.db().partitionsOf("public.orders")).isEmpty();
    }

    @Test
    void validateReportsATableMissingFromTheDatabase() {
        CliDatabase cli = CliDatabase.create("cli_validate", dir, ORDERS_YAML);
        Run run = cli.run("validate");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.out()).contains("orders");
    }
}
