package dev.pgpart.plan;

import dev.pgpart.api.Bound;
import dev.pgpart.internal.catalog.Catalog;
import dev.pgpart.internal.catalog.DefaultContents;
import dev.pgpart.internal.catalog.KeyColumn;
import dev.pgpart.internal.catalog.KeyType;
import dev.pgpart.internal.catalog.Partition;
import dev.pgpart.internal.catalog.TableInfo;
import dev.pgpart.internal.catalog.TableProperties;
import dev.pgpart.spec.IdEncoding;
import dev.pgpart.spec.Interval;
import dev.pgpart.spec.Policy;
import dev.pgpart.spec.RangePolicy;
import dev.pgpart.spec.Spec;
import dev.pgpart.spec.Start;
import dev.pgpart.spec.TableSpec;
import dev.pgpart.sql.QualifiedName;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Test fixtures: catalogs, tables, partitions and specs without a database. */
final class Fx {
    static final QualifiedName ORDERS = QualifiedName.of("public", "orders");
    static final ZoneId UTC = ZoneOffset.UTC;

    private Fx() {
    }

    static Instant at(String isoUtc) {
        return Instant.parse(isoUtc.endsWith("Z") ? isoUtc : isoUtc + "Z");
    }

    static Interval.Calendar every(int n, Interval.Unit unit) {
        return new Interval.Calendar(n, unit);
    }

    static RangePolicy range(Interval interval, int premake) {
        return new RangePolicy(interval, premake, Optional.empty(), Optional.empty(), RangePolicy.OnExpiry.DETACH,
                UTC, IdEncoding.NONE);
    }

    static RangePolicy zoned(RangePolicy p, ZoneId zone) {
        return new RangePolicy(p.interval(), p.premake(), p.start(), p.retention(), p.onExpiry(), zone, p.idEncoding());
    }

    static RangePolicy encoded(RangePolicy p, IdEncoding e) {
        return new RangePolicy(p.interval(), p.premake(), p.start(), p.retention(), p.onExpiry(), p.timeZone(), e);
    }

    static RangePolicy startingAt(RangePolicy p, Start s) {
        return new RangePolicy(p.interval(), p.premake(), Optional.of(s), p.retention(), p.onExpiry(), p.timeZone(),
                p.idEncoding());
    }

    static RangePolicy startingAt(RangePolicy p, String localTime) {
        return startingAt(p, new Start.AtTime(LocalDateTime.parse(localTime)));
    }

    static RangePolicy keeping(RangePolicy p, Interval retention, RangePolicy.OnExpiry onExpiry) {
        return new RangePolicy(p.interval(), p.premake(), p.start(), Optional.of(retention), onExpiry, p.timeZone(),
                p.idEncoding());
    }

    static BigDecimal num(long v) {
        return BigDecimal.valueOf(v);
    }

    static TableSpec spec(Policy policy) {
        return new TableSpec(ORDERS, policy, false, Duration.ofSeconds(2), Optional.empty(), Optional.empty(), false);
    }

    static TableSpec withDefault(TableSpec s) {
        return new TableSpec(s.table(), s.policy(), true, s.lockTimeout(), s.subpartition(), s.nameFormat(),
                s.expireUnmanaged(), s.maxPartitionsPerRun());
    }

    static TableSpec named(TableSpec s, QualifiedName table, Optional<String> format) {
        return new TableSpec(table, s.policy(), s.defaultPartition(), s.lockTimeout(), s.subpartition(), format,
                s.expireUnmanaged(), s.maxPartitionsPerRun());
    }

    static TableSpec expiringUnmanaged(TableSpec s) {
        return new TableSpec(s.table(), s.policy(), s.defaultPartition(), s.lockTimeout(), s.subpartition(),
                s.nameFormat(), true, s.maxPartitionsPerRun());
    }

    static TableSpec capped(TableSpec s, int maxPartitionsPerRun) {
        return new TableSpec(s.table(), s.policy(), s.defaultPartition(), s.lockTimeout(), s.subpartition(),
                s.nameFormat(), s.expireUnmanaged(), maxPartitionsPerRun);
    }

    static Spec specOf(TableSpec... tables) {
        return new Spec(Duration.ofSeconds(2), List.of(tables));
    }

    static Partition part(String name, Bound bound) {
        return new Partition(ORDERS.sibling(name), bound, false, false, true, 0, 0, List.of());
    }

    static Partition rangePart(String name, String from, String to) {
        return part(name, new Bound.Range(Optional.ofNullable(from), Optional.ofNullable(to)));
    }

    static Partition unmanaged(Partition p) {
        return new Partition(p.name(), p.bound(), false, p.detachPending(), false, 0, p.totalBytes(), List.of());
    }

    static Partition pending(Partition p) {
        return new Partition(p.name(), p.bound(), false, true, p.managed(), 0, p.totalBytes(), List.of());
    }

    static Partition sized(Partition p, long bytes) {
        return new Partition(p.name(), p.bound(), false, p.detachPending(), p.managed(), 0, bytes, List.of());
    }

    /** A mutable builder for one table; {@link #build()} makes the immutable record. */
    static final class Table {
        QualifiedName name = ORDERS;
        TableInfo.Kind kind = TableInfo.Kind.PARTITIONED_TABLE;
        Optional<TableInfo.Strategy> strategy = Optional.of(TableInfo.Strategy.RANGE);
        List<KeyColumn> key = new ArrayList<>();
        List<Partition> partitions = new ArrayList<>();
        Optional<Partition> defaultPartition = Optional.empty();
        Optional<DefaultContents> contents = Optional.empty();
        Optional<String> highestKey = Optional.empty();

        Table key(KeyType type) {
            String typeName = switch (type) {
                case DATE -> "date";
                case TIMESTAMP -> "timestamp without time zone";
                case TIMESTAMPTZ -> "timestamp with time zone";
                case INTEGER -> "bigint";
                case NUMERIC -> "numeric";
                case UUID -> "uuid";
                default -> "text";
            };
            key = new ArrayList<>(List.of(new KeyColumn("k", Optional.empty(), typeName, type)));
            return this;
        }

        Table strategy(TableInfo.Strategy s) {
            strategy = Optional.of(s);
            return this;
        }

        Table with(Partition... ps) {
            partitions.addAll(List.of(ps));
            return this;
        }

        Table range(String name, String from, String to) {
            return with(rangePart(name, from, to));
        }

        Table withDefault(long rows, String min, String max) {
            return withDefault(rows, 0, min, max);
        }

        /** {@code rows} in the default, {@code nullKeys} of them with a NULL key. */
        Table withDefault(long rows, long nullKeys, String min, String max) {
            defaultPartition = Optional.of(part("orders_default", new Bound.Default()));
            contents = Optional.of(new DefaultContents(rows, nullKeys, Optional.ofNullable(min), Optional.ofNullable(max)));
            return this;
        }

        Table highest(String key) {
            highestKey = Optional.of(key);
            return this;
        }

        TableInfo build() {
            return new TableInfo(name, kind, strategy, key, partitions, defaultPartition, contents, highestKey,
                    TableProperties.none("app"), List.of());
        }
    }

    static Table table(KeyType type) {
        return new Table().key(type);
    }

    static Catalog catalog(TableInfo... tables) {
        return catalog(180001, Set.of(), tables);
    }

    static Catalog catalog(int version, Set<QualifiedName> others, TableInfo... tables) {
        Set<QualifiedName> names = new HashSet<>(others);
        Map<QualifiedName, TableInfo> map = new java.util.HashMap<>();
        for (TableInfo t : tables) {
            map.put(t.name(), t);
            names.add(t.name());
            t.partitions().forEach(p -> names.add(p.name()));
            t.defaultPartition().ifPresent(p -> names.add(p.name()));
        }
        return new Catalog(version, map, names);
    }

    /** The catalog after the plan's actions ran (creates attached, removals gone); default rows moved out. */
    static Catalog apply(Catalog before, Plan plan) {
        List<TableInfo> after = new ArrayList<>();
        for (TableInfo t : before.tables().values()) {
            List<Partition> parts = new ArrayList<>(t.partitions());
            Optional<Partition> def = t.defaultPartition();
            for (Action a : plan.actions()) {
                if (!a.parent().equals(t.name())) {
                    continue;
                }
                if (a instanceof CreatePartition c) {
                    parts.add(new Partition(c.partition(), c.bound(), false, false, true, 0, 0, List.of()));
                } else if (a instanceof CreateDefaultPartition d) {
                    def = Optional.of(new Partition(d.partition(), new Bound.Default(), false, false, true, 0, 0,
                            List.of()));
                } else {
                    parts.removeIf(p -> p.name().equals(a.partition()));
                }
            }
            Optional<DefaultContents> contents = def.map(d -> DefaultContents.empty());
            after.add(new TableInfo(t.name(), t.kind(), t.strategy(), t.key(), parts, def, contents, t.highestKey(),
                    t.properties(), t.columns()));
        }
        return catalog(before.serverVersionNum(), before.relationNames(), after.toArray(TableInfo[]::new));
    }
}
