package dev.pgpart.spec;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The configuration in Java, for applications that configure in code. Applies exactly the
 * checks of {@code pgpart.yml} and throws the same {@link ConfigException}, naming places as
 * {@code SpecBuilder tables."public.orders".interval}.
 *
 * <pre>{@code
 * Spec spec = SpecBuilder.create()
 *     .lockTimeout(Duration.ofSeconds(2))
 *     .range("public.orders", r -> r.interval("1 month").premake(4).retention("12 months").defaultPartition(true))
 *     .list("public.orders_by_region", l -> l.partition("na", "NA").partition("eu", "EU").defaultPartition(true))
 *     .hash("public.customers", 8)
 *     .build();
 * }</pre>
 */
public final class SpecBuilder {
    private final BuilderNodes top = new BuilderNodes();
    private final BuilderNodes tables = new BuilderNodes();

    private SpecBuilder() {
    }

    public static SpecBuilder create() {
        return new SpecBuilder();
    }

    /** Default for every table; 2s when not set. */
    public SpecBuilder lockTimeout(Duration timeout) {
        top.put("lock_timeout", BuilderNodes.duration(timeout));
        return this;
    }

    /** Default for every RANGE table: partitions one run may create per table; 500 when not set. */
    public SpecBuilder maxPartitionsPerRun(int count) {
        top.put("max_partitions_per_run", BuilderNodes.number(count));
        return this;
    }

    /** A RANGE-partitioned table; {@code table} is SQL-style, e.g. {@code "Sales Dept".orders}. */
    public SpecBuilder range(String table, Consumer<RangeTableBuilder> settings) {
        return table(table, new RangeTableBuilder(), settings);
    }

    public SpecBuilder list(String table, Consumer<ListTableBuilder> settings) {
        return table(table, new ListTableBuilder(), settings);
    }

    public SpecBuilder hash(String table, int modulus) {
        return hash(table, modulus, h -> { });
    }

    public SpecBuilder hash(String table, int modulus, Consumer<HashTableBuilder> settings) {
        HashTableBuilder b = new HashTableBuilder();
        b.nodes().put("hash", BuilderNodes.mapping("modulus", BuilderNodes.number(modulus)));
        return table(table, b, settings);
    }

    private <T extends TableBuilder<T>> SpecBuilder table(String table, T builder, Consumer<T> settings) {
        settings.accept(builder);
        tables.add(table, builder.nodes().toNode());
        return this;
    }

    /** The validated spec; throws {@link ConfigException} listing every problem. */
    public Spec build() {
        BuilderNodes root = new BuilderNodes();
        top.toNode().entries().forEach(e -> root.add(e.key().text(), e.value()));
        root.add("tables", tables.toNode());
        return SpecReader.read(Optional.of(root.toNode()), BuilderNodes.ORIGIN);
    }
}
