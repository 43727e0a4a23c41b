package dev.pgpart.guard;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The timings of {@code EXPLAIN (SUMMARY, FORMAT JSON)}: planning time always, execution time with
 * ANALYZE only.
 */
public record PlanSummary(double planningMillis, Optional<Double> executionMillis) {

    /** @throws IllegalArgumentException for output without "Planning Time" (SUMMARY was not asked for) */
    public static PlanSummary parse(String json) {
        Object root = JsonText.parse(json);
        if (root instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Map<?, ?> top
                && top.get("Planning Time") instanceof BigDecimal planning) {
            Optional<Double> execution = top.get("Execution Time") instanceof BigDecimal e
                    ? Optional.of(e.doubleValue()) : Optional.empty();
            return new PlanSummary(planning.doubleValue(), execution);
        }
        throw new IllegalArgumentException("EXPLAIN JSON without \"Planning Time\": was it run with SUMMARY?");
    }
}
