package dev.pgpart.cli;

import dev.pgpart.ErrorCode;
import dev.pgpart.PgpartException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import org.postgresql.Driver;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * How long the CLI waits on the network, so a server that accepts TCP and never answers fails the
 * run instead of hanging it. pgjdbc's defaults wait forever for the login and for every reply.
 *
 * @param connect   TCP connect and login (pgjdbc connectTimeout, loginTimeout)
 * @param statement statement_timeout of pgpart's sessions; the socket timeout is this plus
 *                  {@link #MARGIN}, so the server always cancels a long statement (with a clear
 *                  error) before the client gives up on the socket
 */
record Timeouts(Duration connect, Duration statement) {
    static final Duration MARGIN = Duration.ofMinutes(1);

    /** These timeouts, or a usage error when one is 0 (which pgjdbc and PostgreSQL read as "wait forever"). */
    Timeouts validated() {
        if (connect.isZero() || statement.isZero()) {
            throw new PgpartException(ErrorCode.CONFIG, "--connect-timeout and --statement-timeout must be more than 0,"
                    + " got " + Text.of(connect) + " and " + Text.of(statement) + " (0 would mean wait forever)");
        }
        return this;
    }

    Duration socket() {
        return statement.plus(MARGIN);
    }

    /** Sets the three pgjdbc timeouts, except those the URL sets itself (an explicit choice wins). */
    void apply(PGSimpleDataSource ds, String url) {
        Properties fromUrl = Optional.ofNullable(Driver.parseURL(url, null)).orElseGet(Properties::new);
        if (!fromUrl.containsKey("connectTimeout")) {
            ds.setConnectTimeout(seconds(connect));
        }
        if (!fromUrl.containsKey("loginTimeout")) {
            ds.setLoginTimeout(seconds(connect));
        }
        if (!fromUrl.containsKey("socketTimeout")) {
            ds.setSocketTimeout(seconds(socket()));
        }
    }

    /** pgjdbc counts in whole seconds; round up so 500ms does not become 0 (no timeout at all). */
    private static int seconds(Duration d) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, (d.toMillis() + 999) / 1000));
    }

    /** When {@code t} is the network giving up, the sentence that says which timeout and how to change it. */
    Optional<String> explain(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SocketTimeoutException) {
                return Optional.of(describe());
            }
            if (c instanceof SQLException se && "08001".equals(se.getSQLState()) && String.valueOf(se.getMessage())
                    .contains("timed out")) {
                return Optional.of(describe());
            }
        }
        return Optional.empty();
    }

    private String describe() {
        return "the database server did not answer in time (connect and login timeout " + Text.of(connect)
                + ", socket timeout " + Text.of(socket()) + " = statement timeout " + Text.of(statement) + " + "
                + Text.of(MARGIN) + "). A table whose transaction had not committed was rolled back: run plan to see"
                + " what is left. Check the host and port in"
                + " the URL and that PostgreSQL (not another service) listens there; change the limits with"
                + " --connect-timeout and --statement-timeout, or connectTimeout, loginTimeout and socketTimeout"
                + " (seconds) in the URL";
    }

    /** Durations as a user would type them back: 10s, 500ms, 31m. */
    static final class Text {
        private Text() {
        }

        static String of(Duration d) {
            if (d.toMillis() % 1000 != 0) {
                return d.toMillis() + "ms";
            }
            long s = d.getSeconds();
            if (s % 3600 == 0) {
                return s / 3600 + "h";
            }
            return s % 60 == 0 ? s / 60 + "m" : s + "s";
        }
    }
}
