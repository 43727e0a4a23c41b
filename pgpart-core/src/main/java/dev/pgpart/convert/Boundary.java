package dev.pgpart.convert;

import dev.pgpart.internal.catalog.KeyColumn;
import dev.pgpart.internal.catalog.KeyType;
import dev.pgpart.plan.CalendarDomain;
import dev.pgpart.plan.RangeDomain;
import dev.pgpart.plan.RangeDomains;
import dev.pgpart.spec.RangePolicy;
import dev.pgpart.spec.TableSpec;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/**
 * Where the old table's range ends for {@code attach}. It is the upper bound of the slot after the
 * one holding now (time keys) or the highest key (numbers): one whole interval of headroom, so
 * writes of current keys made while the range check is being validated never fall outside it.
 */
public final class Boundary {
    private Boundary() {
    }

    /** The key as a RANGE domain, or empty when the policy is not RANGE or the type cannot be stepped over. */
    public static Optional<RangeDomain> domain(TableSpec spec, Source.Col key) {
        if (!(spec.policy() instanceof RangePolicy policy)) {
            return Optional.empty();
        }
        try {
            return Optional.of(RangeDomains.of(policy, new KeyColumn(key.name(), Optional.empty(), key.type(),
                    KeyType.fromTypeName(key.type()))));
        } catch (RuntimeException e) {
            return Optional.empty(); // the plan reports the key type as a blocker
        }
    }

    public static Optional<String> of(TableSpec spec, Source.Col key, Optional<String> max, Instant now) {
        Optional<RangeDomain> d = domain(spec, key);
        if (d.isEmpty()) {
            return Optional.empty();
        }
        RangeDomain domain = d.get();
        BigDecimal point;
        if (domain instanceof CalendarDomain cal) {
            point = cal.ordinalAt(now);
        } else {
            point = max.map(domain::ordinal).orElse(BigDecimal.ZERO);
        }
        return Optional.of(domain.literal(domain.upper(domain.slotOf(point) + 1)));
    }
}
