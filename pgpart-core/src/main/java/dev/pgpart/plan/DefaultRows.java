package dev.pgpart.plan;

import java.util.OptionalLong;

/**
 * How many rows a new partition is expected to take out of the default partition: none, an exact
 * count, or some of an unknown number (the catalog knows only the default's count and key range).
 * The executor moves whatever matches either way and reports the real count.
 */
public record DefaultRows(Kind kind, long count) {
    public enum Kind { NONE, EXACTLY, UNKNOWN }

    public DefaultRows {
        if ((kind == Kind.EXACTLY) != (count > 0)) {
            throw new IllegalArgumentException("an exact count is positive, and only an exact count: " + kind + " " + count);
        }
    }

    public static DefaultRows none() {
        return new DefaultRows(Kind.NONE, 0);
    }

    public static DefaultRows exactly(long n) {
        return n == 0 ? none() : new DefaultRows(Kind.EXACTLY, n);
    }

    public static DefaultRows unknown() {
        return new DefaultRows(Kind.UNKNOWN, 0);
    }

    /** Some rows may move. */
    public boolean mayMove() {
        return kind != Kind.NONE;
    }

    /** The count when known (0 for none). */
    public OptionalLong known() {
        return kind == Kind.UNKNOWN ? OptionalLong.empty() : OptionalLong.of(count);
    }
}
