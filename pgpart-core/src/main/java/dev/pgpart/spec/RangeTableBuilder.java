package dev.pgpart.spec;

import dev.pgpart.spec.RangePolicy.OnExpiry;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/** A RANGE table. Text arguments use the pgpart.yml grammar ({@code "1 month"}, {@code "2024-01-01"}). */
public final class RangeTableBuilder extends TableBuilder<RangeTableBuilder> {
    RangeTableBuilder() {
    }

    @Override
    RangeTableBuilder self() {
        return this;
    }

    /** {@code "1 month"}, {@code "monthly"}, {@code "1000000"}. */
    public RangeTableBuilder interval(String interval) {
        return set("interval", BuilderNodes.text(interval));
    }

    public RangeTableBuilder interval(Interval interval) {
        return interval(interval.toString());
    }

    public RangeTableBuilder premake(int count) {
        return set("premake", BuilderNodes.number(count));
    }

    /** {@code "2024-01-01"}, {@code "2024-01-01 06:00"} (in time_zone), or a number for numeric keys. */
    public RangeTableBuilder start(String start) {
        return set("start", BuilderNodes.text(start));
    }

    public RangeTableBuilder retention(String retention) {
        return set("retention", BuilderNodes.text(retention));
    }

    public RangeTableBuilder onExpiry(OnExpiry onExpiry) {
        return set("on_expiry", BuilderNodes.text(onExpiry.name().toLowerCase(Locale.ROOT)));
    }

    /** A Java zone id is unambiguous, so {@code GMT+05:00} is passed on as the offset it is, {@code +05:00}. */
    public RangeTableBuilder timeZone(ZoneId zone) {
        boolean prefixedOffset = zone.getId().matches("(GMT|UTC|UT)[+-].*");
        return set("time_zone", BuilderNodes.text(prefixedOffset ? zone.normalized().getId() : zone.getId()));
    }

    public RangeTableBuilder timeZone(String zone) {
        return set("time_zone", BuilderNodes.text(zone));
    }

    public RangeTableBuilder uuidv7() {
        return set("id_encoding", BuilderNodes.text("uuidv7"));
    }

    public RangeTableBuilder snowflake(Instant epoch, int shift) {
        ConfigNode settings = new ConfigNode.Mapping(List.of(
                new ConfigNode.Entry(BuilderNodes.text("epoch"), BuilderNodes.text(epoch.toString())),
                new ConfigNode.Entry(BuilderNodes.text("shift"), BuilderNodes.number(shift))), BuilderNodes.ORIGIN);
        return set("id_encoding", BuilderNodes.mapping("snowflake", settings));
    }

    /** Overrides the spec's max_partitions_per_run for this table. */
    public RangeTableBuilder maxPartitionsPerRun(int count) {
        return set("max_partitions_per_run", BuilderNodes.number(count));
    }

    public RangeTableBuilder expireUnmanaged(boolean allowed) {
        return set("expire_unmanaged", BuilderNodes.bool(allowed));
    }

    /** Splits each range partition by HASH of {@code key}. */
    public RangeTableBuilder subpartitionHash(String key, int modulus) {
        BuilderNodes sub = new BuilderNodes();
        sub.put("key", BuilderNodes.text(key));
        sub.put("hash", BuilderNodes.mapping("modulus", BuilderNodes.number(modulus)));
        return set("subpartition", sub.toNode());
    }

    /** Splits each range partition by LIST of {@code key}; only {@code partition(...)} calls of the list builder apply. */
    public RangeTableBuilder subpartitionList(String key, Consumer<ListTableBuilder> partitions) {
        ListTableBuilder list = new ListTableBuilder();
        partitions.accept(list);
        BuilderNodes sub = new BuilderNodes();
        sub.put("key", BuilderNodes.text(key));
        sub.put("list", list.nodes().toNode().entries().stream().filter(e -> e.key().text().equals("list"))
                .findFirst().orElseThrow().value());
        return set("subpartition", sub.toNode());
    }

    private RangeTableBuilder set(String key, ConfigNode value) {
        nodes().put(key, value);
        return this;
    }
}
