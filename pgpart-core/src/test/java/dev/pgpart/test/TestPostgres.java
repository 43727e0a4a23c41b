package dev.pgpart.test;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Assumptions;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * One embedded PostgreSQL per test JVM (the major is chosen by the binaries on the classpath:
 * {@code mvn verify -Dpg=14}); each test class gets its own database for isolation.
 */
public final class TestPostgres {
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private TestPostgres() {
    }

    private static final class Holder {
        static final EmbeddedPostgres SERVER = start(EmbeddedPostgres.builder());
    }

    /**
     * A second server, started only by the tests that need it: pg_stat_statements must be in
     * shared_preload_libraries, and the shared server's tests should not pay for tracking statements.
     */
    private static final class StatsHolder {
        static final EmbeddedPostgres SERVER = start(EmbeddedPostgres.builder()
                .setServerConfig("shared_preload_libraries", "pg_stat_statements"));
    }

    private static EmbeddedPostgres start(EmbeddedPostgres.Builder builder) {
        try {
            EmbeddedPostgres pg = builder
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("max_locks_per_transaction", "1024")
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off")
                    // for the tests of moving rows under logical replication
                    .setServerConfig("wal_level", "logical")
                    // a server zone far from UTC proves results never depend on it
                    .setServerConfig("timezone", "America/New_York")
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    pg.close();
                } catch (IOException ignored) {
                    // the JVM is exiting anyway
                }
            }));
            return pg;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start embedded PostgreSQL", e);
        }
    }

    /** A new, empty database on the shared server. */
    public static DataSource newDatabase(String hint) {
        return dataSource(create(Holder.SERVER, hint));
    }

    /**
     * A new database on the server that loads pg_stat_statements (its own, started on first use),
     * with the extension created in it.
     */
    public static DataSource newDatabaseWithStatementStats(String hint) {
        String name = create(StatsHolder.SERVER, hint);
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(jdbcUrlWithStatementStats(name));
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE EXTENSION pg_stat_statements");
        } catch (SQLException e) {
            throw new IllegalStateException("could not create pg_stat_statements in " + name, e);
        }
        return ds;
    }

    public static String jdbcUrlWithStatementStats(String database) {
        return StatsHolder.SERVER.getJdbcUrl("postgres", database);
    }

    private static String create(EmbeddedPostgres server, String hint) {
        String name = "t" + DATABASES.incrementAndGet() + "_" + hint.toLowerCase().replaceAll("[^a-z0-9]", "");
        if (name.length() > 60) {
            name = name.substring(0, 60);
        }
        try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE \"" + name + "\"");
        } catch (SQLException e) {
            throw new IllegalStateException("could not create test database " + name, e);
        }
        return name;
    }

    public static DataSource dataSource(String database) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(jdbcUrl(database));
        return ds;
    }

    public static String jdbcUrl(String database) {
        return Holder.SERVER.getJdbcUrl("postgres", database);
    }

    /** The server's TCP port on localhost (for connection strings PostgreSQL itself uses, as in CREATE SUBSCRIPTION). */
    public static int port() {
        return Holder.SERVER.getPort();
    }

    /** {@code server_version_num} of the running server. */
    public static int serverVersionNum() {
        try (Connection c = Holder.SERVER.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
             var rs = s.executeQuery("SHOW server_version_num")) {
            rs.next();
            return Integer.parseInt(rs.getString(1));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Skips (visibly, not silently passing) a test that needs a newer server. */
    public static void assumeMajorAtLeast(int major) {
        Assumptions.assumeTrue(serverVersionNum() / 10000 >= major,
                "needs PostgreSQL " + major + "+, running " + serverVersionNum());
    }
}
