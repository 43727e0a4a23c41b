package dev.pgpart.plan;

import dev.pgpart.internal.catalog.Partition;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.Optional;

/**
 * An existing range partition with its bounds as ordinals; an empty side is MINVALUE/MAXVALUE.
 * PostgreSQL guarantees attached range partitions never overlap, so sorted by lower bound they
 * are also sorted by upper bound.
 */
public record Span(Partition partition, Optional<BigDecimal> lo, Optional<BigDecimal> hi) {

    public static final Comparator<Span> BY_LOWER = (a, b) -> {
        if (a.lo.isEmpty() || b.lo.isEmpty()) {
            return Boolean.compare(b.lo.isEmpty(), a.lo.isEmpty());
        }
        return a.lo.get().compareTo(b.lo.get());
    };

    /** Shares at least one value with {@code [a, b)}. */
    public boolean overlaps(BigDecimal a, BigDecimal b) {
        return lo.map(l -> l.compareTo(b) < 0).orElse(true) && hi.map(h -> h.compareTo(a) > 0).orElse(true);
    }

    /** Holds all of {@code [a, b)}. */
    public boolean covers(BigDecimal a, BigDecimal b) {
        return lo.map(l -> l.compareTo(a) <= 0).orElse(true) && hi.map(h -> h.compareTo(b) >= 0).orElse(true);
    }

    public boolean contains(BigDecimal point) {
        return lo.map(l -> l.compareTo(point) <= 0).orElse(true) && hi.map(h -> h.compareTo(point) > 0).orElse(true);
    }

    /** Entirely before {@code point}: its upper bound is at or below it. */
    public boolean endsAtOrBefore(BigDecimal point) {
        return hi.map(h -> h.compareTo(point) <= 0).orElse(false);
    }
}
