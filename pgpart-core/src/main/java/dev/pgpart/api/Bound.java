package dev.pgpart.api;

import java.util.List;
import java.util.Optional;

/**
 * A partition bound, both as read from {@code pg_get_expr(relpartbound)} and as planned for a
 * new partition. Values are literal text without quotes, in the form PostgreSQL prints them with
 * {@code TimeZone=UTC, DateStyle=ISO} (e.g. {@code 2024-01-01 00:00:00+00}).
 */
public sealed interface Bound permits Bound.Range, Bound.In, Bound.Hash, Bound.Default, Bound.Unparsed {

    /** {@code FROM (from) TO (to)}; an empty side is MINVALUE / MAXVALUE. Single-column keys only. */
    record Range(Optional<String> from, Optional<String> to) implements Bound {
    }

    /** {@code IN (...)}; an empty Optional is NULL. */
    record In(List<Optional<String>> values) implements Bound {
        public In {
            values = List.copyOf(values);
        }
    }

    /** {@code WITH (MODULUS m, REMAINDER r)}. */
    record Hash(int modulus, int remainder) implements Bound {
    }

    /** The DEFAULT partition. */
    record Default() implements Bound {
    }

    /**
     * A bound this version of pgpart does not interpret (for example a multi-column range): kept
     * verbatim so the planner can report it instead of guessing.
     */
    record Unparsed(String text) implements Bound {
    }
}
