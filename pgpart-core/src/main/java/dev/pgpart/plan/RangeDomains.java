package dev.pgpart.plan;

import dev.pgpart.internal.catalog.KeyColumn;
import dev.pgpart.spec.Interval;
import dev.pgpart.spec.RangePolicy;
import dev.pgpart.spec.TableRules;

/**
 * The {@link RangeDomain} for a policy and a key column. Whether they fit is decided once, by
 * {@link TableRules#rangeKey}; this only builds the arithmetic for a pair that passed it.
 */
public final class RangeDomains {
    private RangeDomains() {
    }

    public static RangeDomain of(RangePolicy policy, KeyColumn key) {
        if (policy.interval() instanceof Interval.Calendar cal) {
            return new CalendarDomain(cal, policy.timeZone(), key.type(), policy.idEncoding());
        }
        return new NumericDomain(key.type(), ((Interval.Numeric) policy.interval()).step());
    }
}
