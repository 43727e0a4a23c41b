package dev.pgpart.spec;

import dev.pgpart.spec.ConfigNode.Entry;
import dev.pgpart.spec.ConfigNode.Mapping;
import dev.pgpart.sql.QualifiedName;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Reads one entry of {@code tables:}: the method block, then the options that apply to it. */
final class TableReader {
    static final List<String> METHODS = List.of("interval", "list", "hash");
    static final List<String> RANGE_ONLY = List.of("premake", "start", "retention", "on_expiry", "time_zone",
            "id_encoding", "subpartition", "expire_unmanaged", "max_partitions_per_run", "archive");
    private static final List<String> KEYS = List.of("interval", "list", "hash", "premake", "start", "retention",
            "on_expiry", "default_partition", "time_zone", "id_encoding", "subpartition", "name_format",
            "lock_timeout", "expire_unmanaged", "max_partitions_per_run", "key", "convert", "archive");
    private final Problems problems;

    TableReader(Problems problems) {
        this.problems = problems;
    }

    Optional<TableSpec> read(Entry entry, ConfigPath path, Optional<QualifiedName> name, Duration defaultLockTimeout,
                             int defaultCap) {
        if (!(entry.value() instanceof Mapping)) {
            problems.add(entry.value(), path, "table settings are " + ConfigNode.describe(entry.value()) + ", not a mapping",
                    "indent the table's settings under its name, e.g. interval: 1 month");
            return Optional.empty();
        }
        MapReader m = new MapReader((Mapping) entry.value(), path, problems, KEYS);
        List<String> methods = METHODS.stream().filter(m::has).toList();
        if (methods.size() != 1) {
            problems.add(methods.isEmpty() ? entry.key() : m.get(methods.get(1)).orElseThrow(), path,
                    methods.isEmpty() ? "no partitioning method" : "several partitioning methods: " + String.join(" and ", methods),
                    "write exactly one of interval: (RANGE, e.g. 1 month), list: (LIST, e.g. {eu: [EU]}) or hash: (HASH, e.g. {modulus: 8}),"
                            + " matching the table's PARTITION BY");
        }
        Optional<Policy> policy = policy(m, methods);
        boolean defaultPartition = defaultPartition(m, methods);
        Duration lockTimeout = SpecReader.lockTimeout(m).orElse(defaultLockTimeout);
        Optional<SubPartition> sub = m.get("subpartition").flatMap(n -> SubPartitionReader.read(n, m.path("subpartition"), problems));
        Optional<String> nameFormat = m.text("name_format", "a child name template such as {parent}_p{lower}");
        if (methods.size() == 1 && nameFormat.isPresent()) {
            Optional<Interval> interval = policy.filter(RangePolicy.class::isInstance).map(p -> ((RangePolicy) p).interval());
            NameFormat.check(nameFormat.get(), Policy.Method.valueOf(methodName(methods.get(0))), interval,
                    m.get("name_format").orElseThrow(), m.path("name_format"), problems);
        }
        boolean expireUnmanaged = m.bool("expire_unmanaged").orElse(false);
        int cap = SpecReader.maxPartitionsPerRun(m).orElse(defaultCap);
        Optional<String> key = ConvertReader.column(m, "key");
        ConvertSpec convert = m.get("convert").flatMap(n -> ConvertReader.read(n, m.path("convert"), problems))
                .orElse(ConvertSpec.DEFAULTS);
        if (methods.size() != 1 || name.isEmpty() || policy.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new TableSpec(name.get(), policy.get(), defaultPartition, lockTimeout, sub, nameFormat, expireUnmanaged,
                cap, key, convert));
    }

    /** Reads every method block present, so problems inside each are reported even when there are several. */
    private Optional<Policy> policy(MapReader m, List<String> methods) {
        Optional<Policy> range = m.has("interval") ? RangeReader.read(m).map(Policy.class::cast) : Optional.empty();
        if (!m.has("interval") && !methods.isEmpty()) {
            rangeOnlyKeys(m, methods.get(0));
        }
        Optional<Policy> list = m.get("list").flatMap(n -> ListReader.read(n, m.path("list"), problems)).map(Policy.class::cast);
        Optional<Policy> hash = m.get("hash").flatMap(n -> HashReader.read(n, m.path("hash"), problems)).map(Policy.class::cast);
        return methods.size() == 1 ? range.or(() -> list).or(() -> hash) : Optional.empty();
    }

    private static String methodName(String key) {
        return key.equals("interval") ? "RANGE" : key.toUpperCase(java.util.Locale.ROOT);
    }

    private void rangeOnlyKeys(MapReader m, String method) {
        for (String key : RANGE_ONLY) {
            m.entry(key).ifPresent(e -> problems.add(e.key(), m.path(key), key.equals("retention")
                            ? "retention without interval: only RANGE tables expire partitions, this table uses " + method
                            : key + " applies to RANGE tables (interval:), but this table uses " + method,
                    "remove " + key + ", or partition the table BY RANGE and set interval:"));
        }
    }

    private boolean defaultPartition(MapReader m, List<String> methods) {
        boolean wanted = m.bool("default_partition").orElse(false);
        if (wanted && methods.equals(List.of("hash"))) {
            problems.add(m.get("default_partition").orElseThrow(), m.path("default_partition"),
                    "default_partition is true, but a HASH-partitioned table cannot have a DEFAULT partition",
                    "remove default_partition: every row already has a hash partition");
            return false;
        }
        return wanted;
    }
}
