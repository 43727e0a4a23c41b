package dev.pgpart.bench;

import dev.pgpart.api.Pgpart;
import dev.pgpart.api.MaintainOptions;
import dev.pgpart.api.MaintainResult;
import dev.pgpart.api.Outcome;
import dev.pgpart.spec.SpecLoader;
import dev.pgpart.sql.QualifiedName;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.junit.S3ProxyJunitCore;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The archive benchmark of issue 7: a monthly partition of N rows (5,000,000 by default, about
 * 330 MB as CSV) archived with verification to the local store and to an in-process S3 store,
 * against the bare pipeline {@code psql -c 'COPY ... TO STDOUT' | zstd -3 > file}; restore against
 * a plain {@code zstd -dc file | psql -c 'COPY ... FROM STDIN'}; and the JVM's peak heap.
 *
 * <p>Usage: {@code bench/archive [--url JDBC_URL] [--rows 5000000]} (run with -Xmx256m by the script)
 */
public final class ArchiveBench {
    static final Instant JAN = Instant.parse("2026-01-15T00:00:00Z");
    static final Instant NOW = Instant.parse("2026-06-15T12:00:00Z");
    static final String PARTITION = "bench_archive.events_p20260101";
    static final String COLUMNS = "id, created_at, account, kind, amount, note";

    private final PrintStream out;
    private final DataSource ds;
    private final Map<String, String> libpq;
    private final long rows;
    private final Path work;

    ArchiveBench(PrintStream out, DataSource ds, Map<String, String> libpq, long rows, Path work) {
        this.out = out;
        this.ds = ds;
        this.libpq = libpq;
        this.rows = rows;
        this.work = work;
    }

    public static void main(String[] args) throws Exception {
        long rows = Long.parseLong(MaintenanceBench.arg(args, "--rows", "5000000"));
        String url = MaintenanceBench.arg(args, "--url", System.getenv("PGPART_BENCH_URL"));
        Path work = Files.createTempDirectory("pgpart-archive-bench");
        if (url != null) {
            PGSimpleDataSource ds = new PGSimpleDataSource();
            ds.setUrl(url);
            new ArchiveBench(System.out, ds, libpq(ds), rows, work).run("server at " + url.replaceAll("password=[^&]*", "password=***"));
            return;
        }
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setServerConfig("fsync", "off")
                .setServerConfig("synchronous_commit", "off").setServerConfig("full_page_writes", "off")
                .setServerConfig("max_wal_size", "4GB").start()) {
            PGSimpleDataSource ds = (PGSimpleDataSource) pg.getPostgresDatabase();
            new ArchiveBench(System.out, ds, libpq(ds), rows, work).run("embedded PostgreSQL");
        }
    }

    private static Map<String, String> libpq(PGSimpleDataSource ds) {
        return Map.of("PGHOST", ds.getServerNames()[0], "PGPORT", Integer.toString(ds.getPortNumbers()[0]),
                "PGUSER", Optional.ofNullable(ds.getUser()).orElse("postgres"), "PGDATABASE", ds.getDatabaseName());
    }

    void run(String where) throws Exception {
        out.printf("pgpart archive benchmark: one monthly partition of %,d rows, %s, %d cores, JVM max heap %d MB%n",
                rows, where, Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        setUp();
        long raw = rawBytes();
        out.printf(Locale.ROOT, "partition %s: %.1f MB as CSV%n%n", PARTITION, raw / 1e6);

        double bare = shell("bare pipeline", "psql -X -q -c \"COPY " + PARTITION + " (" + COLUMNS + ") TO STDOUT WITH (FORMAT csv)\""
                + " | zstd -3 -q -f -o " + work.resolve("bare.csv.zst"));
        exec("CREATE TABLE bench_archive.copy_target (LIKE " + PARTITION + ")");
        double copyFrom = shell("plain COPY FROM", "zstd -dcq " + work.resolve("bare.csv.zst")
                + " | psql -X -q -c \"COPY bench_archive.copy_target (" + COLUMNS + ") FROM STDIN WITH (FORMAT csv)\"");
        exec("DROP TABLE bench_archive.copy_target");

        Path local = work.resolve("store");
        Timed archiveLocal = heap(() -> archive(yaml("location: " + local.toUri().toString().replaceFirst("^file:/(?!/)", "file:///"))));
        Timed restore = heap(() -> restore(yaml("location: " + local.toUri().toString().replaceFirst("^file:/(?!/)", "file:///"))));

        S3ProxyJunitCore s3 = new S3ProxyJunitCore.Builder()
                .withCredentials(AuthenticationType.AWS_V2_OR_V4, "bench-access", "bench-secret").build();
        s3.beforeEach();
        System.setProperty("aws.accessKeyId", "bench-access");
        System.setProperty("aws.secretAccessKey", "bench-secret");
        try {
            createBucket(s3.getUri());
            Timed archiveS3 = heap(() -> archive(yaml("location: s3://bench/db\n  endpoint: " + s3.getUri().getScheme() + "://"
                    + s3.getUri().getHost() + ":" + s3.getUri().getPort() + "\n  path_style: true")));
            report(raw, bare, copyFrom, archiveLocal, restore, archiveS3);
        } finally {
            s3.afterEach();
        }
    }

    private void report(long raw, double bare, double copyFrom, Timed local, Timed restore, Timed s3) {
        double mb = raw / 1e6;
        out.println();
        out.println("| step | seconds | MB/s (CSV) | figure | target |");
        out.println("|---|---|---|---|---|");
        out.printf(Locale.ROOT, "| bare `COPY ... TO STDOUT \\| zstd -3 > file` | %.2f | %.1f | | |%n", bare, mb / bare);
        out.printf(Locale.ROOT, "| archive to the local store, with verification | %.2f | %.1f | %.2f of the bare pipeline | >= 0.5 |%n",
                local.seconds, mb / local.seconds, bare / local.seconds);
        out.printf(Locale.ROOT, "| archive to in-process S3 (S3Proxy), with verification | %.2f | %.1f | %.2f of the bare pipeline | >= 0.5 |%n",
                s3.seconds, mb / s3.seconds, bare / s3.seconds);
        out.printf(Locale.ROOT, "| plain `zstd -dc file \\| COPY ... FROM STDIN` | %.2f | %.1f | | |%n", copyFrom, mb / copyFrom);
        out.printf(Locale.ROOT, "| restore from the local store (checksum verified) | %.2f | %.1f | %.2fx the plain COPY FROM | <= 2x |%n",
                restore.seconds, mb / restore.seconds, restore.seconds / copyFrom);
        long peak = Math.max(local.peakHeap, Math.max(restore.peakHeap, s3.peakHeap));
        out.printf(Locale.ROOT, "| peak heap (local %d MB, restore %d MB, S3 with S3Proxy in the same JVM %d MB) | | | %d MB | < 256 MB |%n",
                local.peakHeap >> 20, restore.peakHeap >> 20, s3.peakHeap >> 20, peak >> 20);
    }

    private void setUp() throws SQLException {
        exec("DROP SCHEMA IF EXISTS bench_archive CASCADE", "DROP SCHEMA IF EXISTS bench_state CASCADE",
                "CREATE SCHEMA bench_archive",
                "CREATE TABLE bench_archive.events (id bigint NOT NULL, created_at timestamptz NOT NULL, account int NOT NULL,"
                        + " kind text NOT NULL, amount numeric(12,2), note text) PARTITION BY RANGE (created_at)");
        pgpart(yaml("location: file:///tmp/unused"), JAN).maintain(MaintainOptions.defaults(), Optional.empty(), JAN);
        long t0 = System.nanoTime();
        exec("INSERT INTO bench_archive.events SELECT g, timestamptz '2026-01-01 00:00:00+00' + (g % 2678400) * interval '1 second',"
                + " g % 100000, (ARRAY['purchase', 'refund', 'login', 'view'])[1 + g % 4], (g % 100000) / 100.0,"
                + " 'note ' || md5(g::text) FROM generate_series(1, " + rows + ") g", "ANALYZE " + PARTITION);
        out.printf(Locale.ROOT, "loaded %,d rows in %.1f s%n", rows, (System.nanoTime() - t0) / 1e9);
    }

    private long rawBytes() throws SQLException {
        // the exact CSV size is what COPY writes: count it once through the driver
        try (Connection c = ds.getConnection()) {
            CountingSink sink = new CountingSink();
            c.unwrap(org.postgresql.PGConnection.class).getCopyAPI().copyOut("COPY " + PARTITION + " (" + COLUMNS
                    + ") TO STDOUT WITH (FORMAT csv)", sink);
            return sink.bytes;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private String yaml(String archive) {
        return """
                state_schema: bench_state
                archive:
                  %s
                  part_size: 64MB
                tables:
                  bench_archive.events:
                    interval: 1 month
                    premake: 1
                    start: 2026-01-01
                    retention: 3 months
                    on_expiry: archive
                    expire_unmanaged: true
                """.formatted(archive);
    }

    private Pgpart pgpart(String yaml, Instant now) {
        return Pgpart.builder(ds).spec(SpecLoader.parse(yaml, "bench.yml")).clock(Clock.fixed(now, ZoneOffset.UTC))
                .statementTimeout(Duration.ofHours(2)).build();
    }

    private double archive(String yaml) {
        long t0 = System.nanoTime();
        MaintainResult r = pgpart(yaml, NOW).archiveRun(MaintainOptions.defaults().withConsent(true), Optional.empty(), NOW);
        double s = (System.nanoTime() - t0) / 1e9;
        r.results().stream().filter(x -> x.outcome() != Outcome.APPLIED).findFirst().ifPresent(x -> {
            throw new IllegalStateException("archive failed: " + x.detail());
        });
        return s;
    }

    private double restore(String yaml) {
        long t0 = System.nanoTime();
        pgpart(yaml, NOW).archives().restore(QualifiedName.parse(PARTITION), Optional.empty(), true, Duration.ofSeconds(30));
        return (System.nanoTime() - t0) / 1e9;
    }

    private double shell(String name, String command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("bash", "-o", "pipefail", "-c", command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.INHERIT);
        pb.environment().putAll(libpq);
        long t0 = System.nanoTime();
        int rc = pb.start().waitFor();
        if (rc != 0) {
            throw new IllegalStateException(name + " failed (exit " + rc + "): " + command);
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    private void createBucket(URI endpoint) throws IOException {
        try (var s3 = software.amazon.awssdk.services.s3.S3Client.builder()
                .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create())
                .region(software.amazon.awssdk.regions.Region.US_EAST_1).endpointOverride(endpoint).forcePathStyle(true).build()) {
            s3.createBucket(b -> b.bucket("bench"));
        }
    }

    private record Timed(double seconds, long peakHeap) {
    }

    /** Runs {@code step} with the heap pools' peaks reset before, and returns its time and the heap's peak. */
    private static Timed heap(Supplier<Double> step) {
        System.gc();
        List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        pools.forEach(MemoryPoolMXBean::resetPeakUsage);
        double s = step.get();
        long peak = pools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        return new Timed(s, peak);
    }

    private void exec(String... sql) {
        new BenchDb(ds).exec(sql);
    }


    private static final class CountingSink extends java.io.OutputStream {
        long bytes;

        @Override
        public void write(int b) {
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
        }
    }
}
