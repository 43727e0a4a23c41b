package dev.pgpart.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpart.spec.Spec;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

/** A server that accepts TCP and never answers must fail the run within the timeout, saying which one. */
class TimeoutsTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    /** Accepts every connection and keeps it open without writing a byte. */
    private static final class SilentServer implements AutoCloseable {
        private final ServerSocket socket;
        private final List<Socket> accepted = new CopyOnWriteArrayList<>();

        SilentServer() throws IOException {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread t = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(socket.accept());
                    }
                } catch (IOException closed) {
                    // close() below ends the loop
                }
            }, "silent-server");
            t.setDaemon(true);
            t.start();
        }

        String url() {
            return "jdbc:postgresql://127.0.0.1:" + socket.getLocalPort() + "/shop";
        }

        @Override
        public void close() throws IOException {
            socket.close();
            for (Socket s : accepted) {
                s.close();
            }
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aServerThatAcceptsAndNeverAnswersFailsPlanWithinTheConnectTimeoutNamingIt() throws IOException {
        Path config = Files.writeString(dir.resolve("pgpart.yml"), "tables: {}\n");
        Spec empty = new Spec(Spec.DEFAULT_LOCK_TIMEOUT, List.of());
        try (SilentServer server = new SilentServer()) {
            Main main = new Main(Env.of(Map.of(Env.URL, server.url())), f -> empty, PgpartFactory.standard(), CLOCK);

            Run run = Run.of(main, "--config", config.toString(), "plan", "--connect-timeout", "1s");

            assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
            assertThat(run.err()).contains("did not answer in time", "connect and login timeout 1s",
                    "--connect-timeout", "--statement-timeout");
        }
    }

    @Test
    void theSocketTimeoutExceedsTheStatementTimeoutAndAUrlSettingWins() {
        Timeouts t = new Timeouts(Duration.ofMillis(500), Duration.ofMinutes(30));
        PGSimpleDataSource plain = new PGSimpleDataSource();
        t.apply(plain, "jdbc:postgresql://db/shop");
        PGSimpleDataSource explicit = new PGSimpleDataSource();
        explicit.setUrl("jdbc:postgresql://db/shop?socketTimeout=5");
        t.apply(explicit, "jdbc:postgresql://db/shop?socketTimeout=5");

        assertThat(plain.getConnectTimeout()).isEqualTo(1);
        assertThat(plain.getLoginTimeout()).isEqualTo(1);
        assertThat(plain.getSocketTimeout()).isEqualTo(31 * 60);
        assertThat(explicit.getSocketTimeout()).isEqualTo(5);
    }

    @Test
    void aZeroTimeoutIsAUsageError() throws IOException {
        Path config = Files.writeString(dir.resolve("pgpart.yml"), "tables: {}\n");
        Spec empty = new Spec(Spec.DEFAULT_LOCK_TIMEOUT, List.of());
        Main main = new Main(Env.of(Map.of(Env.URL, "jdbc:postgresql://127.0.0.1:1/x")), f -> empty,
                PgpartFactory.standard(), CLOCK);

        Run run = Run.of(main, "--config", config.toString(), "plan", "--statement-timeout", "0");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).contains("--statement-timeout must be more than 0", "wait forever");
    }
}
