package dev.pgpart.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** partition add / detach / drop, with and without consent, against a real PostgreSQL. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PartitionIT {
    @TempDir
    Path dir;

    private CliDatabase orders() {
        CliDatabase cli = CliDatabase.create("cli_partition", dir, MaintainIT.ORDERS_YAML);
        cli.db().exec("CREATE TABLE orders (id bigint NOT NULL, created_at timestamptz NOT NULL,"
                        + " PRIMARY KEY (id, created_at)) PARTITION BY RANGE (created_at)",
                "CREATE TABLE orders_default PARTITION OF orders DEFAULT",
                "INSERT INTO orders VALUES (1, '2027-01-10 00:00:00+00'), (2, '2027-03-01 00:00:00+00')");
        return cli;
    }

    @Test
    void addCreatesARangePartitionAndMovesItsRowsOutOfTheDefault() {
        CliDatabase cli = orders();
        Run run = cli.run("partition", "add", "--table", "orders", "--from", "2027-01-01 00:00:00+00",
                "--to", "2027-02-01 00:00:00+00", "--name", "orders_jan_2027");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).startsWith("applied");
        assertThat(cli.db().partitionsOf("public.orders")).contains("orders_jan_2027");
        assertThat(cli.db().queryLong("SELECT count(*) FROM orders_jan_2027")).isEqualTo(1);
        assertThat(cli.db().queryLong("SELECT count(*) FROM orders_default")).isEqualTo(1);
    }

    @Test
    void addWithoutANameGetsTheNameMaintainWouldGiveIt() {
        CliDatabase cli = orders();
        cli.db().exec("CREATE TABLE orders_p20270101 (x int)"); // taken: the next free name is used, as maintain does
        Run run = cli.run("partition", "add", "--table", "orders", "--from", "2027-01-01 00:00:00+00",
                "--to", "2027-02-01 00:00:00+00");
        Run hourly = cli.run("partition", "add", "--table", "orders", "--from", "2027-03-01 06:00:00+00",
                "--to", "2027-03-01 07:00:00+00");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(hourly.exitCode()).as(hourly.toString()).isZero();
        assertThat(cli.db().partitionsOf("public.orders")).contains("orders_p20270101_1", "orders_p20270301_060000");
        assertThat(cli.db().queryLong("SELECT count(*) FROM orders_p20270101_1")).isEqualTo(1);
    }

    @Test
    void addWithAListOrHashBoundOnARangeTableIsAUsageErrorBeforeAnySql() {
        CliDatabase cli = orders();
        Run in = cli.run("partition", "add", "--table", "orders", "--in", "latam");
        Run hash = cli.run("partition", "add", "--table", "orders", "--modulus", "4", "--remainder", "0");
        assertThat(in.exitCode()).as(in.toString()).isEqualTo(2);
        assertThat(in.err()).contains("public.orders is partitioned by RANGE", "LIST (--in)", "use --from X --to Y");
        assertThat(hash.exitCode()).as(hash.toString()).isEqualTo(2);
        assertThat(hash.err()).contains("HASH (--modulus/--remainder)").doesNotContain("SQLSTATE");
        assertThat(cli.db().partitionsOf("public.orders")).containsExactly("orders_default");
    }

    @Test
    void dropWithoutYesSaysWhatWouldHappenAndExitsThree() {
        CliDatabase cli = orders();
        cli.db().exec("CREATE TABLE orders_old PARTITION OF orders FOR VALUES FROM ('2020-01-01') TO ('2020-02-01')");
        Run run = cli.run("partition", "drop", "orders_old");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
        assertThat(run.out()).contains("skipped", "orders_old", "--yes");
        assertThat(cli.db().partitionsOf("public.orders")).contains("orders_old");
    }

    @Test
    void dropWithYesDetachesThenDrops() {
        CliDatabase cli = orders();
        cli.db().exec("CREATE TABLE orders_old PARTITION OF orders FOR VALUES FROM ('2020-01-01') TO ('2020-02-01')");
        Run run = cli.run("partition", "drop", "orders_old", "--yes");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(cli.db().queryLong("SELECT count(*) FROM pg_class WHERE relname = 'orders_old'")).isZero();
    }

    @Test
    void detachWithYesKeepsThePartitionAsAPlainTable() {
        CliDatabase cli = orders();
        cli.db().exec("CREATE TABLE orders_old PARTITION OF orders FOR VALUES FROM ('2020-01-01') TO ('2020-02-01')");
        Run run = cli.run("partition", "detach", "orders_old", "--yes", "--json");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        com.fasterxml.jackson.databind.JsonNode json = readJson(run.out());
        assertThat(json.findValue("outcome").asText()).isEqualTo("applied");
        assertThat(json.findValue("type").asText()).isEqualTo("detach");
        assertThat(cli.db().partitionsOf("public.orders")).doesNotContain("orders_old");
        assertThat(cli.db().queryLong("SELECT count(*) FROM pg_class WHERE relname = 'orders_old' AND relkind = 'r'")).isEqualTo(1);
    }

    private static com.fasterxml.jackson.databind.JsonNode readJson(String text) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(text);
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }
}
