package dev.pgpart.cli;

import dev.pgpart.api.Pgpart;
import dev.pgpart.api.MaintenanceListener;
import dev.pgpart.spec.Spec;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;

/** Builds the facade the commands call; a seam for tests. */
@FunctionalInterface
public interface PgpartFactory {
    Pgpart create(DataSource dataSource, Spec spec, MaintenanceListener listener, Clock clock, Duration statementTimeout);

    static PgpartFactory standard() {
        return (ds, spec, listener, clock, statementTimeout) -> Pgpart.builder(ds).spec(spec).listener(listener)
                .clock(clock).statementTimeout(statementTimeout)
                .archiveProgress(listener instanceof dev.pgpart.archive.ArchiveProgress p ? p : dev.pgpart.archive.ArchiveProgress.NONE)
                .build();
    }
}
