package dev.pgpart.cli.demo;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * A throwaway PostgreSQL in a temporary directory. {@link #close()} stops it and removes the
 * directory; it is idempotent, so a finally block and a shutdown hook (Ctrl-C) can both call it.
 */
public final class DemoServer implements AutoCloseable {
    private final Path dir;
    private final EmbeddedPostgres postgres;
    private final AtomicBoolean closed = new AtomicBoolean();

    private DemoServer(Path dir, EmbeddedPostgres postgres) {
        this.dir = dir;
        this.postgres = postgres;
    }

    public static DemoServer start() throws IOException {
        Path dir = Files.createTempDirectory("pgpart-demo-");
        try {
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setDataDirectory(dir.resolve("data"))
                    .setCleanDataDirectory(true)
                    .setRegisterShutdownHook(false)
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off")
                    .setServerConfig("max_locks_per_transaction", "512")
                    // a server zone far from UTC: pgpart's results do not depend on it
                    .setServerConfig("timezone", "Pacific/Auckland")
                    .start();
            return new DemoServer(dir, pg);
        } catch (IOException | RuntimeException e) {
            deleteRecursively(dir);
            throw e;
        }
    }

    public Path dir() {
        return dir;
    }

    public DataSource dataSource() {
        return postgres.getPostgresDatabase();
    }

    public String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("could not stop the demo server; its files are in " + dir, e);
        } finally {
            deleteRecursively(dir);
        }
    }

    static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort: a file the server still writes; the temp dir is cleaned by the OS eventually
                }
            });
        } catch (IOException ignored) {
            // best effort, see above
        }
    }
}
