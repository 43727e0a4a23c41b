package dev.pgpart.plan;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * How far the existing range partitions reach from the current point: the run of contiguous
 * partitions that contains it, and how many complete partitions follow the current one.
 *
 * @param covered      some partition holds the current point
 * @param coveredUntil end of the contiguous run; empty when not covered or the run ends at MAXVALUE
 * @param ahead        partitions in the run after the one holding the current point
 */
record Coverage(boolean covered, Optional<BigDecimal> coveredUntil, int ahead) {

    static Coverage of(RangeContext ctx) {
        List<Span> spans = ctx.spans();
        int at = -1;
        for (int i = 0; i < spans.size(); i++) {
            if (spans.get(i).contains(ctx.current())) {
                at = i;
            }
        }
        if (at < 0) {
            return new Coverage(false, Optional.empty(), 0);
        }
        int end = at;
        while (end + 1 < spans.size() && spans.get(end).hi().isPresent()
                && spans.get(end + 1).lo().isPresent()
                // compareTo, not equals: numeric bounds such as 2.5 and 2.50 are the same point
                && spans.get(end).hi().get().compareTo(spans.get(end + 1).lo().get()) == 0) {
            end++;
        }
        return new Coverage(true, spans.get(end).hi(), end - at);
    }
}
