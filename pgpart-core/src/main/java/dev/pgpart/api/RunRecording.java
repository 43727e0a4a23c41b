package dev.pgpart.api;

import dev.pgpart.PgpartException;
import dev.pgpart.spec.Spec;
import dev.pgpart.state.RunLog;
import dev.pgpart.state.StateSchema;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A maintain run as the state schema records it. Recording never stops maintenance: creating next
 * month's partition matters more than its history, so a schema pgpart may not create or write is
 * a warning (and {@code check} then reports that no run succeeded), not a failed run.
 */
final class RunRecording {
    private static final Logger LOG = LoggerFactory.getLogger(RunRecording.class);

    private final RunLog log;
    private final StateSchema schema;
    private final Spec spec;
    private final Optional<Long> runId;
    private final Clock clock;

    private RunRecording(StateSchema schema, Spec spec, Optional<Long> runId, Clock clock) {
        this.schema = schema;
        this.log = new RunLog(schema);
        this.spec = spec;
        this.runId = runId;
        this.clock = clock;
    }

    /** Creates or upgrades the schema if needed and records the start; empty recording when that fails. */
    static RunRecording start(Connection c, Spec spec, String command, String application, Clock clock) {
        StateSchema schema = new StateSchema(spec.operations().stateSchema());
        try {
            schema.ensure(c);
            long id = new RunLog(schema).start(c, new RunLog.Start(command, application, host(), version(),
                    configHash(spec), spec.tables().stream().map(t -> t.table().toString()).toList()), clock.instant());
            return new RunRecording(schema, spec, Optional.of(id), clock);
        } catch (PgpartException | SQLException e) {
            LOG.warn("this run is not recorded in the state schema {}: {}", schema.name(), e.getMessage());
            return new RunRecording(schema, spec, Optional.empty(), clock);
        }
    }

    void finish(Connection c, MaintainResult r) {
        RunLog.Outcome outcome = r.hasFailures() ? RunLog.Outcome.FAILED
                : r.hasPendingWithoutConsent() ? RunLog.Outcome.PENDING_CONSENT : RunLog.Outcome.OK;
        Optional<String> error = r.hasFailures() ? Optional.of(r.results().stream()
                .filter(x -> x.outcome() == Outcome.FAILED).count() + " action(s) failed") : Optional.empty();
        write(c, outcome, r.results().stream().map(RunRecording::action).toList(), error);
    }

    void failed(Connection c, RuntimeException e) {
        write(c, RunLog.Outcome.FAILED, List.of(), Optional.of(String.valueOf(e.getMessage())));
    }

    private void write(Connection c, RunLog.Outcome outcome, List<RunLog.Action> actions, Optional<String> error) {
        if (runId.isEmpty()) {
            return;
        }
        try {
            log.finish(c, runId.get(), outcome, actions, error, clock.instant());
            int pruned = log.prune(c, spec.operations().keepRuns(), Duration.ofDays(spec.operations().keepDays()),
                    clock.instant());
            if (pruned > 0) {
                LOG.debug("state schema {}: pruned {} old run(s)", schema.name(), pruned);
            }
        } catch (SQLException e) {
            LOG.warn("could not record the end of run {} in the state schema {}: {}", runId.get(), schema.name(),
                    e.getMessage());
        }
    }

    private static RunLog.Action action(ActionResult r) {
        return new RunLog.Action(r.action().parent().toString(), r.action().partition().toString(),
                r.action().type(), r.outcome().name().toLowerCase(Locale.ROOT), r.detail(),
                r.rowsMoved(), r.attempts(), r.elapsed());
    }

    /** Short, stable for the same settings: shows in the history when the configuration changed. */
    static String configHash(Spec spec) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(spec.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return Optional.ofNullable(System.getenv("HOSTNAME")).orElse("unknown host");
        }
    }

    static String version() {
        return Optional.ofNullable(RunRecording.class.getPackage().getImplementationVersion()).orElse("development build");
    }
}
