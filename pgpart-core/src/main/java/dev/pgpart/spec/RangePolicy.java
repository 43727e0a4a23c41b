package dev.pgpart.spec;

import java.time.ZoneId;
import java.util.Optional;

/**
 * RANGE partitions of a fixed width, made ahead of time and retired after a while.
 *
 * @param interval  width of each partition: a {@link Interval.Calendar} for time keys and
 *                  time-sortable ids, an {@link Interval.Numeric} for plain numeric keys
 * @param premake   partitions to keep ready after the one containing "now" (or the highest key)
 * @param start     no partitions are created below this point
 * @param retention partitions whose upper bound is at or before {@code now - retention} expire
 * @param timeZone  zone in which calendar boundaries are computed
 */
public record RangePolicy(
        Interval interval,
        int premake,
        Optional<Start> start,
        Optional<Interval> retention,
        OnExpiry onExpiry,
        ZoneId timeZone,
        IdEncoding idEncoding) implements Policy {

    public static final int DEFAULT_PREMAKE = 4;

    /** A start or retention of the other kind than the interval could never be compared with the bounds. */
    public RangePolicy {
        boolean numeric = interval instanceof Interval.Numeric;
        if (start.isPresent() && (start.get() instanceof Start.AtValue) != numeric) {
            throw new IllegalArgumentException("start " + start.get() + " does not fit interval " + interval
                    + ": use a time for calendar intervals and a number for numeric ones");
        }
        if (retention.isPresent() && (retention.get() instanceof Interval.Numeric) != numeric) {
            throw new IllegalArgumentException("retention " + retention.get() + " does not fit interval " + interval
                    + ": use the same kind of interval (calendar or numeric) for both");
        }
    }

    @Override
    public Method method() {
        return Method.RANGE;
    }

    /** {@code ARCHIVE}: detach, export to the table's archive store, verify, then drop. */
    public enum OnExpiry { DETACH, DROP, ARCHIVE }
}
