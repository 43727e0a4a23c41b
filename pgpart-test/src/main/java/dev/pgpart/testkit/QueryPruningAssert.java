package dev.pgpart.testkit;

import dev.pgpart.guard.ExplainOptions;
import dev.pgpart.guard.PartitionLimits;
import dev.pgpart.guard.PruningAnalyzer;
import dev.pgpart.guard.PruningReport;
import java.util.List;
import javax.sql.DataSource;
import org.assertj.core.api.AbstractAssert;

/** Assertions on how a statement prunes partitions; start with {@link PartitionAssertions#assertThatQuery}. */
public final class QueryPruningAssert extends AbstractAssert<QueryPruningAssert, String> {
    private final DataSource dataSource;
    private final List<Object> values;
    private boolean analyze;

    QueryPruningAssert(DataSource dataSource, String sql, List<Object> values) {
        super(sql, QueryPruningAssert.class);
        this.dataSource = dataSource;
        this.values = values;
    }

    /** Judge on EXPLAIN ANALYZE (run in a transaction that is rolled back) instead of the plan alone. */
    public QueryPruningAssert whenRun() {
        analyze = true;
        return myself;
    }

    /** Every partitioned table the statement reads is scanned in at most {@code partitions} partitions. */
    public QueryPruningAssert scansAtMostPartitions(int partitions) {
        return within(PartitionLimits.of(partitions));
    }

    /** As {@link #scansAtMostPartitions(int)}, with other limits for some tables ({@code schema.table} of the root). */
    public QueryPruningAssert within(PartitionLimits limits) {
        isNotNull();
        PruningReport r = report(limits);
        if (!r.ok()) {
            failWithMessage("%s", "Expected the statement\n   " + Reports.statement(r) + "\nto scan at most "
                    + limits.defaultLimit() + " partition(s) per table, but:" + Reports.offenders(r));
        }
        return myself;
    }

    /** The analysis itself, for assertions of your own. */
    public PruningReport report(PartitionLimits limits) {
        return new PruningAnalyzer(dataSource).analyzeWithValues(actual, values, new ExplainOptions(analyze, limits));
    }
}
