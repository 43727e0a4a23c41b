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
        static final EmbeddedPostgres SERVER = start();

        private static EmbeddedPostgres start() {
            try {
                EmbeddedPostgres pg = EmbeddedPostgres.builder()
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
    }

    /** A new, empty database on the shared server. */
    public static DataSource newDatabase(String hint) {
        String name = "t" + DATABASES.incrementAndGet() + "_" + hint.toLowerCase().replaceAll("[^a-z0-9]", "");
        if (name.length() > 60) {
            name = name.substring(0, 60);
        }
        try (Connection c = Holder.SERVER.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE \"" + name + "\"");
        } catch (SQLException e) {
            throw new IllegalStateException("could not create test database " + name, e);
        }
        return dataSource(name);
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
