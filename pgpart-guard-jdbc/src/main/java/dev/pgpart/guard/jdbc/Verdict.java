package dev.pgpart.guard.jdbc;

import dev.pgpart.sql.QualifiedName;
import java.util.List;

/** The guard's judgement of one SQL text. */
public sealed interface Verdict {
    /** Nothing to object to: every partitioned table it reads is constrained on its key, or it reads none. */
    record Allowed(String why) implements Verdict {
    }

    /** At least one partitioned table is read, updated or deleted without a predicate on its key. */
    record Violation(List<Offence> offences) implements Verdict {
        public Violation {
            offences = List.copyOf(offences);
        }
    }

    /** The text cannot show it (see {@link Unreadable}); the policy decides what happens. */
    record Unjudged(String why) implements Verdict {
    }

    /**
     * @param table   the partitioned table (its root)
     * @param key     its partition key as people read it
     * @param missing what is missing, e.g. {@code no predicate on day} or {@code scans 4 of 4 partitions}
     */
    record Offence(QualifiedName table, String key, String missing) {
    }
}
