package dev.pgpart.advise;

import dev.pgpart.sql.QualifiedName;

/**
 * Planning of a pruned point query on one partitioned table.
 *
 * @param firstMillis  the first planning on the advisor's connection: loads every partition's bounds, as
 *                     each new connection of an application does
 * @param medianMillis the median of the next plannings (warm)
 */
record PlanningTime(QualifiedName table, int partitions, String query, double firstMillis, double medianMillis) {

    static java.util.Optional<Advice> advice(PlanningTime p, double thresholdMillis) {
        if (p.firstMillis() <= thresholdMillis) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new Advice(Severity.MEDIUM, AdviceKind.PLANNING_TIME, p.table(),
                String.format(java.util.Locale.ROOT, "%d partitions: planning a pruned point query (%s) takes %.1f ms"
                                + " on a new connection (threshold %.1f ms), %.3f ms after that; it reads one partition",
                        p.partitions(), p.query(), p.firstMillis(), thresholdMillis, p.medianMillis()),
                "use fewer, larger partitions (a longer interval, or retention that detaches old ones), and keep"
                        + " application connections long-lived (a pool that does not recycle them) so each pays it once;"
                        + " see bench/planning/run for how planning grows with the number of partitions",
                p.firstMillis()));
    }
}
