package dev.pgpart.guard.hibernate;

import dev.pgpart.ErrorCode;
import dev.pgpart.PgpartException;
import java.util.Locale;

/** What the boot-time check does when an entity on a partitioned table lacks the partition key. */
public enum EntityCheckMode {
    /** No check (the default of the {@link PartitionKeyIntegrator}: it is opt-in). */
    OFF,
    /** Log a warning per entity and start. */
    WARN,
    /** Refuse to build the session factory, naming every entity at fault. */
    FAIL;

    /** Reads the setting {@value EntityKeyCheck#SETTING}: {@code off}, {@code warn} or {@code fail}, any case. */
    public static EntityCheckMode parse(String value) {
        try {
            return valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new PgpartException(ErrorCode.CONFIG, "the setting " + EntityKeyCheck.SETTING + " is '" + value
                    + "': it must be off, warn or fail. The session factory was not built; correct the setting.", e);
        }
    }
}
