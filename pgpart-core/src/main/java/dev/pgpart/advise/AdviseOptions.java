package dev.pgpart.advise;

import dev.pgpart.ErrorCode;
import dev.pgpart.PgpartException;
import dev.pgpart.sql.QualifiedName;
import java.util.Optional;

/**
 * What {@code pgpart advise} looks at and its thresholds.
 *
 * @param table             only advice about this table; empty for all
 * @param planningMillis    report a partitioned table whose pruned point query plans slower than this
 *                          on a new connection (the first planning, which loads every partition's
 *                          bounds); see bench/planning and docs/guide-guard.md for where the default comes from
 * @param statements        at most this many pg_stat_statements rows are read, by total time
 * @param hashSkewRatio     a HASH partition holding more than this many times the mean of its siblings is skewed
 * @param listShare         a LIST partition holding more than this share of its parent's rows is skewed
 * @param skewMinRows       parents with fewer (estimated) rows are not judged for skew
 */
public record AdviseOptions(Optional<QualifiedName> table, double planningMillis, int statements,
                            double hashSkewRatio, double listShare, long skewMinRows) {
    /**
     * About the first planning at 1,000 partitions in bench/planning (9 ms on a loaded 2-core
     * machine, PostgreSQL 18): a pruned point query should not cost that.
     */
    public static final double DEFAULT_PLANNING_MILLIS = 10.0;

    public AdviseOptions {
        if (!(planningMillis > 0)) {
            throw new PgpartException(ErrorCode.CONFIG, "the planning threshold is " + planningMillis + " ms: give more than 0");
        }
        if (statements < 1) {
            throw new PgpartException(ErrorCode.CONFIG, "the statement limit is " + statements + ": give 1 or more");
        }
        if (!(hashSkewRatio > 1)) {
            throw new PgpartException(ErrorCode.CONFIG, "the hash skew ratio is " + hashSkewRatio + ": give more than 1");
        }
        if (!(listShare > 0 && listShare < 1)) {
            throw new PgpartException(ErrorCode.CONFIG, "the list share is " + listShare + ": give a fraction between 0 and 1");
        }
        if (skewMinRows < 0) {
            throw new PgpartException(ErrorCode.CONFIG, "the minimum rows for skew is " + skewMinRows + ": give 0 or more");
        }
    }

    public static AdviseOptions defaults() {
        return new AdviseOptions(Optional.empty(), DEFAULT_PLANNING_MILLIS, 200, 2.0, 0.5, 1000);
    }

    public AdviseOptions withTable(Optional<QualifiedName> t) {
        return new AdviseOptions(t, planningMillis, statements, hashSkewRatio, listShare, skewMinRows);
    }

    public AdviseOptions withPlanningMillis(double ms) {
        return new AdviseOptions(table, ms, statements, hashSkewRatio, listShare, skewMinRows);
    }
}
