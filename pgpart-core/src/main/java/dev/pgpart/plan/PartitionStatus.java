package dev.pgpart.plan;

import dev.pgpart.sql.QualifiedName;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One range partition (or a hole between two) as {@code status} pictures it: for the HTML page's
 * timeline and for metrics.
 *
 * @param name          the partition; empty for a gap
 * @param from          lower bound as the key's literal, empty for MINVALUE (or a gap's start when a gap)
 * @param to            upper bound, empty for MAXVALUE
 * @param estimatedRows {@code reltuples} when the partition was analyzed
 */
public record PartitionStatus(Kind kind, Optional<QualifiedName> name, Optional<String> from, Optional<String> to,
                              long totalBytes, OptionalLong estimatedRows, boolean managed) {
    public enum Kind {
        /** Entirely before now, within retention. */
        PAST,
        /** Holds now. */
        CURRENT,
        /** Entirely after now: premade. */
        AHEAD,
        /** Past retention: maintain detaches or drops it (or reports it, when pgpart did not make it). */
        EXPIRED,
        /** No partition holds this range: rows go to the default, or fail. */
        GAP
    }
}
