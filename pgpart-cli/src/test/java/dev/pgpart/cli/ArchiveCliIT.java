package dev.pgpart.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** pgpart archive list / run / verify / restore against PostgreSQL and a local directory store; "now" is 2026-06-15. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ArchiveCliIT {
    @TempDir
    Path dir;

    private CliDatabase events(String hint) {
        Path store = dir.resolve("store");
        String yaml = """
                archive:
                  location: %s
                  compression: gzip
                  part_size: 2KB
                tables:
                  public.events:
                    interval: 1 month
                    premake: 1
                    start: 2026-01-01
                    retention: 3 months
                    on_expiry: archive
                """.formatted("file://" + store.toAbsolutePath());
        CliDatabase cli = CliDatabase.create(hint, dir, yaml);
        cli.db().exec("CREATE TABLE events (id bigint NOT NULL, at timestamptz NOT NULL, note text) PARTITION BY RANGE (at)");
        Run first = cli.run("maintain", "--skip-delete", "--at", "2026-01-15");
        assertThat(first.exitCode()).as(first.toString()).isZero();
        cli.run("maintain", "--skip-delete");
        cli.db().exec("INSERT INTO events SELECT g, timestamptz '2026-01-01 00:00:00+00' + (g % 59) * interval '1 day',"
                + " 'note ' || g FROM generate_series(1, 1000) g");
        return cli;
    }

    @Test
    void archiveRunWithoutYesExitsThreeAndChangesNothing() throws Exception {
        CliDatabase cli = events("acli_noyes");
        Run run = cli.run("archive", "run");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
        assertThat(run.out()).contains("archive", "events_p20260101", "--yes");
        assertThat(cli.db().partitionsOf("public.events")).contains("events_p20260101", "events_p20260201");

        Run json = cli.run("archive", "run", "--json");
        assertThat(json.exitCode()).as(json.toString()).isEqualTo(3);
        JsonNode doc = new ObjectMapper().readTree(json.out());
        assertThat(doc.get("command").asText()).isEqualTo("archive run");
        assertThat(doc.at("/summary/pendingConsent").asLong()).isEqualTo(2);
    }

    @Test
    void maintainYesArchivesAndListVerifyAndRestoreReportIt() throws Exception {
        CliDatabase cli = events("acli_all");
        Run maintain = cli.run("maintain", "--yes");
        assertThat(maintain.exitCode()).as(maintain.toString()).isZero();
        assertThat(cli.db().partitionsOf("public.events")).doesNotContain("events_p20260101", "events_p20260201");

        Run list = cli.run("archive", "list", "--json");
        assertThat(list.exitCode()).as(list.toString()).isZero();
        JsonNode archives = new ObjectMapper().readTree(list.out()).get("archives");
        assertThat(archives).hasSize(2);
        assertThat(archives.get(0).get("partition").asText()).isEqualTo("public.events_p20260101");
        assertThat(archives.get(0).get("state").asText()).isEqualTo("dropped");
        assertThat(archives.get(0).get("rows").asLong()).isEqualTo(cli.db().queryLong(
                "SELECT count(*) FROM generate_series(1, 1000) g WHERE g % 59 < 31"));
        assertThat(archives.get(0).get("parts").asLong()).isGreaterThan(1);

        Run verify = cli.run("archive", "verify", "public.events_p20260101", "--json");
        assertThat(verify.exitCode()).as(verify.toString()).isZero();
        assertThat(new ObjectMapper().readTree(verify.out()).get("ok").asBoolean()).isTrue();

        cli.db().exec("CREATE TABLE events_p20260101 (x int)");
        Run refused = cli.run("archive", "restore", "public.events_p20260101");
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
        assertThat(refused.err()).contains("a relation of that name exists");

        Run restore = cli.run("archive", "restore", "public.events_p20260101", "--into", "public.jan_back", "--json");
        assertThat(restore.exitCode()).as(restore.toString()).isZero();
        assertThat(new ObjectMapper().readTree(restore.out()).get("rows").asLong())
                .isEqualTo(archives.get(0).get("rows").asLong());
        assertThat(cli.db().queryLong("SELECT count(*) FROM jan_back")).isEqualTo(archives.get(0).get("rows").asLong());
    }

    @Test
    void verifyExitsThreeWhenAPartIsCorrupted() throws Exception {
        CliDatabase cli = events("acli_corrupt");
        cli.run("maintain", "--yes");
        Path part;
        try (Stream<Path> s = Files.walk(dir.resolve("store"))) {
            part = s.filter(p -> p.getFileName().toString().equals("part-00001.csv.gz")
                    && p.getParent().getFileName().toString().equals("events_p20260101")).findFirst().orElseThrow();
        }
        byte[] b = Files.readAllBytes(part);
        b[b.length / 2] ^= 0x21;
        Files.write(part, b);
        Run verify = cli.run("archive", "verify", "public.events_p20260101");
        assertThat(verify.exitCode()).as(verify.toString()).isEqualTo(3);
        assertThat(verify.out()).contains("MISMATCH", "part-00001.csv.gz");
    }

    @Test
    void concurrentArchiveRunsArchiveEachPartitionOnce() throws Exception {
        CliDatabase cli = events("acli_concurrent");
        List<CompletableFuture<Run>> runs = Stream.of(1, 2)
                .map(i -> CompletableFuture.supplyAsync(() -> cli.run("archive", "run", "--yes"))).toList();
        for (CompletableFuture<Run> r : runs) {
            Run run = r.get(120, TimeUnit.SECONDS);
            assertThat(run.exitCode()).as(run.toString()).isZero();
        }
        assertThat(cli.db().queryStrings("SELECT partition || ' ' || state FROM pgpart.archive ORDER BY partition"))
                .containsExactly("public.events_p20260101 dropped", "public.events_p20260201 dropped");
        assertThat(cli.db().queryLong("SELECT count(*) FROM pgpart.job WHERE kind = 'archive'")).isEqualTo(2);
    }
}
