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
}
