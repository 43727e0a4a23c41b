package dev.pgpart.api;

import dev.pgpart.ErrorCode;
import dev.pgpart.PgpartException;
import dev.pgpart.archive.ArchiveEntry;
import dev.pgpart.archive.ArchiveLog;
import dev.pgpart.archive.ArchiveOps;
import dev.pgpart.archive.ArchiveProgress;
import dev.pgpart.archive.VerifyReport;
import dev.pgpart.internal.exec.AdvisoryLock;
import dev.pgpart.spec.ArchiveSpec;
import dev.pgpart.spec.Spec;
import dev.pgpart.spec.TableSpec;
import dev.pgpart.sql.QualifiedName;
import dev.pgpart.state.StateSchema;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@code archive list}, {@code archive verify} and {@code archive restore} ({@code archive run} is
 * {@link Pgpart#archiveRun}). Read from {@link Pgpart#archives()}.
 */
public final class Archives {
    private final Sessions sessions;
    private final Spec spec;
    private final ArchiveProgress progress;

    Archives(Sessions sessions, Spec spec, ArchiveProgress progress) {
        this.sessions = sessions;
        this.spec = spec;
        this.progress = progress;
    }

    /** Archives of the configured tables (or of {@code table}), with their state; detached-not-archived ones too. */
    public List<ArchiveEntry> list(Optional<QualifiedName> table) {
        List<QualifiedName> parents = table.map(List::of).orElse(spec.tables().stream().map(TableSpec::table).toList());
        return sessions.withSession(c -> new ArchiveLog(schema()).list(c, parents));
    }

    public VerifyReport verify(QualifiedName partition) {
        return sessions.withSession(c -> {
            ArchiveEntry e = entry(c, partition);
            return ops(e).verify(c, e);
        });
    }

    /**
     * Recreates {@code partition} from its archive as {@code into} (the partition's own name by default),
     * and with {@code attach} attaches it to its parent, under the maintenance lock like maintain.
     */
    public ArchiveOps.Restored restore(QualifiedName partition, Optional<QualifiedName> into, boolean attach, Duration lockWait) {
        return sessions.withSession(c -> {
            ArchiveEntry e = entry(c, partition);
            if (!attach) {
                return ops(e).restore(c, e, into.orElse(partition), false);
            }
            try (AdvisoryLock.Held lock = AdvisoryLock.acquire(c, lockWait)) {
                return ops(e).restore(c, e, into.orElse(partition), true);
            }
        });
    }

    private ArchiveEntry entry(java.sql.Connection c, QualifiedName partition) throws java.sql.SQLException {
        return new ArchiveLog(schema()).find(c, partition).orElseThrow(() -> new PgpartException(ErrorCode.CONFIG,
                "no archive of " + partition + " is recorded in the state schema " + spec.operations().stateSchema()
                        + ": see pgpart archive list for the archived partitions"));
    }

    private ArchiveOps ops(ArchiveEntry e) {
        ArchiveSpec a = spec.archive(e.parent()).orElseThrow(() -> new PgpartException(ErrorCode.CONFIG, e.partition()
                + " was archived from " + e.parent() + " to " + e.location() + ", but the configuration has no archive:"
                + " location for " + e.parent() + ": add it (the same location) to read the archive"));
        Duration lockTimeout = spec.table(e.parent()).map(TableSpec::lockTimeout).orElse(spec.lockTimeout());
        return new ArchiveOps(schema(), a, lockTimeout, progress);
    }

    private StateSchema schema() {
        return new StateSchema(spec.operations().stateSchema());
    }
}
