package dev.pgpart.spec;

import java.math.BigDecimal;
import java.time.LocalDateTime;

/** The lowest point at which partitions may exist. */
public sealed interface Start permits Start.AtTime, Start.AtValue {
    /** A wall-clock time, read in the table's {@code time_zone}. */
    record AtTime(LocalDateTime localTime) implements Start {
    }

    /** A key value, for numeric keys. */
    record AtValue(BigDecimal value) implements Start {
    }
}
