package dev.pgpart.spec;

import java.time.Duration;

/** Settings every table has, whatever its method. */
public abstract class TableBuilder<T extends TableBuilder<T>> {
    private final BuilderNodes nodes = new BuilderNodes();

    TableBuilder() {
    }

    BuilderNodes nodes() {
        return nodes;
    }

    abstract T self();

    /** Keep a DEFAULT partition (not for HASH). */
    public T defaultPartition(boolean wanted) {
        nodes.put("default_partition", BuilderNodes.bool(wanted));
        return self();
    }

    /** Overrides the spec's lock_timeout for this table. */
    public T lockTimeout(Duration timeout) {
        nodes.put("lock_timeout", BuilderNodes.duration(timeout));
        return self();
    }

    /** Child name template: {@code {parent}}, {@code {lower}}, {@code {lower:yyyyMM}}, {@code {suffix}}, {@code {remainder}}. */
    public T nameFormat(String format) {
        nodes.put("name_format", BuilderNodes.text(format));
        return self();
    }

    /** {@code key:}: the partition column (SQL syntax), needed to convert a plain table with {@code pgpart convert}. */
    public T key(String column) {
        nodes.put("key", BuilderNodes.text(column));
        return self();
    }

    /** {@code convert: {strategy: ..., batch_size: ...}}. */
    public T convert(ConvertSpec.Strategy strategy, int batchSize) {
        BuilderNodes c = new BuilderNodes();
        c.put("strategy", BuilderNodes.text(strategy.text()));
        c.put("batch_size", BuilderNodes.number(batchSize));
        nodes.put("convert", c.toNode());
        return self();
    }
}
