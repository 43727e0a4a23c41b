package dev.pgpart.archive;

import java.sql.Connection;
import java.util.Optional;

/**
 * Second sessions to the job's database, for work that runs beside the job's own connection
 * (the table's checksum during the export, the job's heartbeat). A source that cannot give one
 * (a single borrowed connection, an exhausted pool) gives none, and the job does that work on its
 * own connection, the slower way.
 */
@FunctionalInterface
public interface SideSessions {
    SideSessions NONE = Optional::empty;

    /** A prepared connection of its own session, or empty when none can be had. */
    Optional<Side> open();

    /** A borrowed second session; closing it gives it back with its settings restored. */
    interface Side extends AutoCloseable {
        Connection connection();

        @Override
        void close();
    }
}
