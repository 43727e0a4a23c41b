package dev.pgpart.plan;

import dev.pgpart.internal.catalog.KeyType;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.Optional;

/**
 * The arithmetic of one RANGE table's slots: slot {@code k} is the half-open range
 * {@code [lower(k), lower(k+1))} of key ordinals (see {@link KeyType#toOrdinal}). Slots are
 * aligned to a fixed origin, so the same interval always yields the same boundaries, whatever
 * the run and whatever partitions exist. Shared by the planner, the checker and status so the
 * three can never disagree about where a boundary is.
 */
public sealed interface RangeDomain permits CalendarDomain, NumericDomain {

    KeyType keyType();

    /** Ordinal of the lower bound of slot {@code k}. */
    BigDecimal lower(long slot);

    /** A first guess of the slot containing {@code ordinal}; {@link #slotOf} corrects it. */
    long approximateSlot(BigDecimal ordinal);

    /** The default name suffix of a slot: {@code 20240101}, {@code 20240101_010000} or {@code 1000000}. */
    String suffix(long slot);

    /** The lower bound of a slot as local date-time in the table's zone (calendar domains only). */
    Optional<LocalDateTime> localLower(long slot);

    default BigDecimal upper(long slot) {
        return lower(slot + 1);
    }

    /** A slot whose two bounds coincide, e.g. the hour skipped by a DST spring-forward. */
    default boolean isEmpty(long slot) {
        return lower(slot).compareTo(upper(slot)) == 0;
    }

    /** The slot {@code k} with {@code lower(k) <= ordinal < lower(k+1)}. */
    default long slotOf(BigDecimal ordinal) {
        long k = approximateSlot(ordinal);
        // Local-time guesses can be one slot off around DST transitions; walk to the exact slot.
        while (lower(k).compareTo(ordinal) > 0) {
            k--;
        }
        while (upper(k).compareTo(ordinal) <= 0) {
            k++;
        }
        return k;
    }

    /** The first slot whose lower bound is at or above {@code ordinal} (how {@code start} floors). */
    default long firstSlotAtOrAbove(BigDecimal ordinal) {
        long k = slotOf(ordinal);
        return lower(k).compareTo(ordinal) < 0 ? k + 1 : k;
    }

    /** Key literal for an ordinal, exactly as PostgreSQL prints it, so bounds round-trip. */
    default String literal(BigDecimal ordinal) {
        return keyType().fromOrdinal(ordinal);
    }

    default BigDecimal ordinal(String literal) {
        return keyType().toOrdinal(literal);
    }
}
