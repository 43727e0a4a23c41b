package dev.pgpart.spec;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * The ranges pgpart supports, checked when the configuration and the command line are read so
 * that arithmetic never overflows later (documented in docs/config.md and docs/cli.md).
 * Times run from {@link #EARLIEST} to {@link #LATEST}; partitions made ahead from the latest time
 * still end before year 10000, which PostgreSQL's and java.time's ISO text both print plainly.
 */
public final class Limits {
    /** The earliest start, {@code --at} or "now" pgpart plans for. */
    public static final LocalDateTime EARLIEST = LocalDate.of(1900, 1, 1).atStartOfDay();
    /** The latest start, {@code --at} or "now" pgpart plans for. */
    public static final LocalDateTime LATEST = LocalDate.of(9000, 1, 1).atStartOfDay();
    /** The widest interval (and retention). */
    public static final int MAX_INTERVAL_YEARS = 100;
    /** How far ahead {@code (premake + 1) * interval} may reach: from {@link #LATEST}, bounds stay below year 10000. */
    public static final int MAX_REACH_YEARS = 999;
    /** The longest lock_timeout and {@code --lock-wait}. */
    public static final Duration MAX_WAIT = Duration.ofHours(24);

    private Limits() {
    }

    public static Instant earliestInstant() {
        return EARLIEST.toInstant(ZoneOffset.UTC);
    }

    public static Instant latestInstant() {
        return LATEST.toInstant(ZoneOffset.UTC);
    }

    /** The supported times, for messages. */
    public static String timeRange() {
        return EARLIEST.toLocalDate() + " to " + LATEST.toLocalDate();
    }

    /** Roughly how many days {@code count} units are, to compare intervals of different units. */
    static double days(Interval.Calendar interval, long times) {
        double one = switch (interval.unit()) {
            case HOUR -> interval.count() / 24.0;
            case DAY -> interval.count();
            case WEEK -> interval.count() * 7.0;
            case MONTH, QUARTER, YEAR -> interval.months() * (365.25 / 12);
        };
        return one * times;
    }

    /** At most this many units make {@link #MAX_INTERVAL_YEARS}. */
    static int maxCount(Interval.Unit unit) {
        return switch (unit) {
            case HOUR -> MAX_INTERVAL_YEARS * 8766;
            case DAY -> MAX_INTERVAL_YEARS * 36525 / 100;
            case WEEK -> MAX_INTERVAL_YEARS * 5218 / 100;
            case MONTH -> MAX_INTERVAL_YEARS * 12;
            case QUARTER -> MAX_INTERVAL_YEARS * 4;
            case YEAR -> MAX_INTERVAL_YEARS;
        };
    }
}
