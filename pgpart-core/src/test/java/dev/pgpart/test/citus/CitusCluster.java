package dev.pgpart.test.citus;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * One Citus cluster (a coordinator and two workers, {@code .ci/citus/cluster.sh}) per test JVM,
 * started on first use and stopped when the JVM exits; each test class gets its own database on
 * all three nodes. When the cluster cannot be built or started, tests are skipped with the reason
 * on stderr, unless {@code PGPART_CITUS=required} (CI), where that is a failure.
 */
public final class CitusCluster {
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private CitusCluster() {
    }

    /** The ports of a running cluster, or why there is none. */
    private record State(List<Integer> ports, String failure) {
    }

    private static final class Holder {
        static final State STATE = start();

        private static State start() {
            try {
                Path script = script();
                Output out = run(script, "start");
                if (out.exit() != 0) {
                    return new State(List.of(), "cluster.sh start exited with " + out.exit() + ": " + out.text());
                }
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        run(script, "stop");
                    } catch (IOException | InterruptedException e) {
                        System.err.println("could not stop the Citus cluster: " + e);
                    }
                }));
                Output ports = run(script, "ports");
                return new State(java.util.Arrays.stream(ports.text().trim().split("\\s+")).map(Integer::valueOf).toList(), "");
            } catch (IOException | InterruptedException | RuntimeException e) {
                return new State(List.of(), e.toString());
            }
        }
    }

    private record Output(int exit, String text) {
    }

    private static Output run(Path script, String command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("bash", script.toString(), command).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(15, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            return new Output(124, "timed out: " + text);
        }
        return new Output(p.exitValue(), text);
    }

    /** {@code .ci/citus/cluster.sh} of the checkout the tests run in (Maven runs them in the module directory). */
    private static Path script() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(".ci/citus/cluster.sh");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException(".ci/citus/cluster.sh not found above " + Path.of("").toAbsolutePath());
    }

    /** Skips (or, with PGPART_CITUS=required, fails) the calling test when there is no cluster. */
    private static List<Integer> ports() {
        State s = Holder.STATE;
        if (s.ports().size() == 3) {
            return s.ports();
        }
        String reason = "no Citus cluster, Citus tests SKIPPED: " + s.failure();
        if ("required".equals(System.getenv("PGPART_CITUS"))) {
            throw new IllegalStateException(reason + " (PGPART_CITUS=required)");
        }
        System.err.println(reason);
        Assumptions.abort(reason);
        throw new AssertionError("unreachable");
    }

    /** A new database on all three nodes, with the citus extension and the workers registered. */
    public static CitusDb newDatabase(String hint) {
        List<Integer> ports = ports();
        String name = "c" + DATABASES.incrementAndGet() + "_" + hint.toLowerCase().replaceAll("[^a-z0-9]", "");
        String db = name.length() > 60 ? name.substring(0, 60) : name;
        for (int port : ports) {
            exec(source(port, "postgres"), "DROP DATABASE IF EXISTS " + db, "CREATE DATABASE " + db);
            exec(source(port, db), "CREATE EXTENSION citus");
        }
        exec(source(ports.get(0), db), "SELECT citus_set_coordinator_host('localhost', " + ports.get(0) + ")",
                "SELECT citus_add_node('localhost', " + ports.get(1) + ")",
                "SELECT citus_add_node('localhost', " + ports.get(2) + ")");
        return new CitusDb(source(ports.get(0), db), List.of(source(ports.get(1), db), source(ports.get(2), db)),
                ports.subList(1, 3));
    }

    static PGSimpleDataSource source(int port, String database) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setServerNames(new String[] {"localhost"});
        ds.setPortNumbers(new int[] {port});
        ds.setDatabaseName(database);
        ds.setUser("postgres");
        return ds;
    }

    private static void exec(PGSimpleDataSource ds, String... statements) {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("on port " + ds.getPortNumbers()[0] + ": " + e.getMessage(), e);
        }
    }
}
