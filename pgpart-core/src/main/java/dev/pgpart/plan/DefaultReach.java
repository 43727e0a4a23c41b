package dev.pgpart.plan;

import dev.pgpart.internal.catalog.DefaultContents;
import dev.pgpart.spec.IdEncoding;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * How far the rows waiting in a RANGE table's default partition may stretch the plan. A stray
 * row (a typo year, a v4 uuid among v7 ones) must not make pgpart create thousands of partitions
 * or bounds that wrap around: the default's highest key is followed only when it lies at most
 * {@code max_partitions_per_run} partitions beyond the premake horizon; otherwise, and whenever a
 * uuidv7 key is not a version-7 uuid, it is an outlier that {@code RowsInDefault} reports instead.
 *
 * @param followedMax the highest key of the default the plan follows: its highest, else (when that is
 *                    an outlier) its lowest, else none
 * @param outliers    keys of the default the plan does not follow, each with why
 */
public record DefaultReach(Optional<BigDecimal> followedMax, List<Outlier> outliers) {

    public DefaultReach {
        outliers = List.copyOf(outliers);
    }

    /** A key in the default that the plan deliberately does not create a partition for. */
    public record Outlier(String key, String reason) {
    }

    public static DefaultReach none() {
        return new DefaultReach(Optional.empty(), List.of());
    }

    /**
     * @param anchor the point the plan is centred on before the default is looked at: now, or for
     *               numeric keys the highest key in the partitions (else the default's lowest)
     */
    static DefaultReach of(RangeDomain domain, DefaultContents dc, Optional<BigDecimal> dMin, Optional<BigDecimal> dMax,
                           BigDecimal anchor, int premake, int cap) {
        List<Outlier> outliers = new ArrayList<>();
        boolean minDecodes = decodes(domain, dc.minKey(), outliers);
        boolean maxDecodes = dc.maxKey().equals(dc.minKey()) ? minDecodes : decodes(domain, dc.maxKey(), outliers);
        long horizon = domain.slotOf(anchor) + premake;
        Optional<BigDecimal> max = dMax.filter(m -> maxDecodes);
        if (max.isPresent() && domain.slotOf(max.get()) - horizon <= cap) {
            return new DefaultReach(max, outliers);
        }
        max.ifPresent(m -> outliers.add(new Outlier(domain.literal(m), "it lies " + (domain.slotOf(m) - horizon)
                + " partitions beyond the premake horizon (" + domain.literal(domain.upper(horizon))
                + "), more than max_partitions_per_run (" + cap + ") allows, so pgpart does not follow it")));
        // The highest key is a stray one; the lowest still shows how far real rows have come.
        Optional<BigDecimal> min = dMin.filter(m -> minDecodes && domain.slotOf(m) - horizon <= cap);
        return new DefaultReach(min, outliers);
    }

    /** A uuidv7 key that is not a version-7 uuid decodes to a nonsense time: never plan with it. */
    private static boolean decodes(RangeDomain domain, Optional<String> literal, List<Outlier> out) {
        if (literal.isEmpty() || !(domain instanceof CalendarDomain cal) || !(cal.encoding() instanceof IdEncoding.UuidV7)) {
            return true;
        }
        int version = UUID.fromString(literal.get().strip()).version();
        if (version == 7) {
            return true;
        }
        out.add(new Outlier(literal.get(), "it is a version-" + version + " uuid, not version 7, so it carries no"
                + " time and no partition pgpart makes can hold it"));
        return false;
    }
}
