package dev.pgpart.guard;

/**
 * @param analyze run the statement ({@code EXPLAIN ANALYZE}) inside a transaction that is always rolled back
 * @param limits  how many partitions each table may scan
 */
public record ExplainOptions(boolean analyze, PartitionLimits limits) {
    /** Plan only, at most one partition per table: the default of {@code pgpart explain}. */
    public static final ExplainOptions DEFAULT = new ExplainOptions(false, PartitionLimits.of(1));

    public ExplainOptions withAnalyze(boolean a) {
        return new ExplainOptions(a, limits);
    }

    public ExplainOptions withLimits(PartitionLimits l) {
        return new ExplainOptions(analyze, l);
    }
}
