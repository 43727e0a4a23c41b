package dev.pgpart.spec;

import dev.pgpart.PgpartException;
import dev.pgpart.spec.ConfigNode.Entry;
import dev.pgpart.spec.ConfigNode.Mapping;
import dev.pgpart.sql.QualifiedName;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a {@link ConfigNode} tree into a {@link Spec}, collecting every problem. The only place
 * the configuration rules live: YAML and the Java builder both come through here.
 */
final class SpecReader {
    static final List<String> KEYS = List.of("lock_timeout", "max_partitions_per_run", "tables", "state_schema",
            "history_keep_runs", "history_keep_days", "max_maintenance_age", "coverage_warning_intervals", "job_stuck_after",
            "archive");
    private final Problems problems = new Problems();

    private SpecReader() {
    }

    /** The spec, or a {@link ConfigException} listing every problem, including {@code earlier} ones (e.g. YAML syntax). */
    static Spec read(Optional<ConfigNode> root, ConfigNode.Origin documentStart) {
        return read(root, documentStart, ConfigPath.ROOT);
    }

    /** @param rootPath where the document sits in a larger tree (e.g. {@code pgpart} in Spring's properties), for paths in messages */
    static Spec read(Optional<ConfigNode> root, ConfigNode.Origin documentStart, ConfigPath rootPath) {
        SpecReader reader = new SpecReader();
        Optional<Spec> spec = reader.document(root, documentStart, rootPath);
        if (!reader.problems.isEmpty() || spec.isEmpty()) {
            throw new ConfigException(reader.problems.list(), spec);
        }
        return spec.get();
    }

    private Optional<Spec> document(Optional<ConfigNode> root, ConfigNode.Origin start, ConfigPath rootPath) {
        if (root.isEmpty() || !(root.get() instanceof Mapping)) {
            problems.add(root.map(ConfigNode::origin).orElse(start), rootPath,
                    "the configuration is " + root.map(ConfigNode::describe).orElse("empty") + ", not a mapping of settings",
                    "start with 'tables:' and one entry per partitioned table, e.g. tables: {public.orders: {interval: 1 month}}");
            return Optional.empty();
        }
        // A table at the top level is the classic indentation slip: say where it belongs.
        MapReader top = new MapReader((Mapping) root.get(), rootPath, problems, KEYS,
                key -> TableReader.METHODS.contains(key) || key.contains(".") ? "table entries go under 'tables:', indented; " : "");
        Duration lockTimeout = lockTimeout(top).orElse(Spec.DEFAULT_LOCK_TIMEOUT);
        int cap = maxPartitionsPerRun(top).orElse(TableSpec.DEFAULT_MAX_PARTITIONS_PER_RUN);
        Map<QualifiedName, Entry> entries = new java.util.LinkedHashMap<>();
        List<TableSpec> tables = tables(top, lockTimeout, cap, root.get(), entries);
        Map<QualifiedName, TableSpec> byName = new java.util.LinkedHashMap<>();
        tables.forEach(t -> byName.put(t.table(), t));
        Map<QualifiedName, ArchiveSpec> archives = ArchiveSettings.resolve(top, entries, byName, problems);
        return Optional.of(new Spec(lockTimeout, tables, operations(top), archives));
    }

    /** Shared with per-table overrides: positive, because 0 would let a DDL wait behind a long transaction forever. */
    static Optional<Duration> lockTimeout(MapReader m) {
        ConfigPath path = m.path("lock_timeout");
        Optional<Duration> d = m.scalar("lock_timeout", IntervalGrammar.DURATION_HELP)
                .flatMap(s -> IntervalGrammar.duration(s, "lock_timeout", path, m.problems()));
        if (d.isPresent() && (d.get().isZero() || d.get().isNegative())) {
            m.problems().add(m.get("lock_timeout").orElseThrow(), path, "lock_timeout is " + d.get().toMillis()
                    + "ms; 0 disables the timeout, so DDL could queue behind a long transaction and block every query on the table",
                    "write a positive duration, e.g. 2s");
            return Optional.empty();
        }
        return d;
    }

    private static Operations operations(MapReader m) {
        Operations d = Operations.DEFAULTS;
        String schema = m.scalar("state_schema", "a schema name").map(x -> x.text().strip()).orElse(d.stateSchema());
        if (schema.isEmpty() || QualifiedName.byteLength(schema) > QualifiedName.MAX_IDENTIFIER_BYTES) {
            m.problems().add(m.get("state_schema").orElseThrow(), m.path("state_schema"), "state_schema '" + schema
                    + "' is not a usable schema name", "write a name of 1 to 63 bytes, e.g. pgpart");
            schema = d.stateSchema();
        }
        return new Operations(schema,
                m.integer("history_keep_runs", 1, 1_000_000, " (maintain runs kept in the history)").orElse(d.keepRuns()),
                m.integer("history_keep_days", 1, 36_500, " (days of maintain runs kept in the history)").orElse(d.keepDays()),
                longDuration(m, "max_maintenance_age").orElse(d.maxMaintenanceAge()),
                m.integer("coverage_warning_intervals", 0, 1000, " (intervals of coverage left before check warns)")
                        .orElse(d.coverageWarning()),
                longDuration(m, "job_stuck_after").orElse(d.jobStuckAfter()));
    }

    /** A positive duration of up to a year (monitoring thresholds are often days). */
    private static Optional<Duration> longDuration(MapReader m, String key) {
        ConfigPath path = m.path(key);
        Optional<Duration> d = m.scalar(key, IntervalGrammar.DURATION_HELP)
                .flatMap(s -> IntervalGrammar.duration(s, key, path, m.problems(), Duration.ofDays(366)));
        if (d.isPresent() && (d.get().isZero() || d.get().isNegative())) {
            m.problems().add(m.get(key).orElseThrow(), path, key + " must be positive", "write e.g. 2d or 36h");
            return Optional.empty();
        }
        return d;
    }

    /** Shared with the per-table override. */
    static Optional<Integer> maxPartitionsPerRun(MapReader m) {
        return m.integer("max_partitions_per_run", 1, TableSpec.MAX_MAX_PARTITIONS_PER_RUN,
                " (RANGE partitions one run may create per table)");
    }

    private List<TableSpec> tables(MapReader top, Duration lockTimeout, int cap, ConfigNode root,
                                   Map<QualifiedName, Entry> entries) {
        Optional<ConfigNode> node = top.get("tables");
        if (node.isEmpty() || !(node.get() instanceof Mapping) || ((Mapping) node.get()).entries().isEmpty()) {
            problems.add(node.orElse(root), top.path("tables"), "tables is " + node.map(ConfigNode::describe).orElse("missing")
                    + ": no table to maintain", "add 'tables:' with one entry per partitioned table, e.g. public.orders: {interval: 1 month}");
            return List.of();
        }
        List<TableSpec> tables = new ArrayList<>();
        Map<QualifiedName, Entry> seen = new HashMap<>();
        for (Entry e : MapReader.firstOfEach((Mapping) node.get(), top.path("tables"), problems)) {
            Optional<QualifiedName> name = tableName(e, top.path("tables").child(e.key().text()));
            ConfigPath path = top.path("tables").child(e.key().text()).of(name);
            Entry earlier = name.map(n -> seen.putIfAbsent(n, e)).orElse(null);
            if (earlier != null) {
                problems.add(e.key(), path, "'" + e.key().text() + "' and '" + earlier.key().text() + "' (at "
                        + earlier.key().origin().render() + ") both name table " + name.get(), "merge the two entries into one");
            }
            Optional<TableSpec> table = new TableReader(problems).read(e, path, name, lockTimeout, cap);
            if (earlier == null) {
                table.ifPresent(tables::add);
                name.ifPresent(n -> entries.put(n, e));
            }
        }
        return tables;
    }

    private Optional<QualifiedName> tableName(Entry e, ConfigPath path) {
        try {
            QualifiedName name = QualifiedName.parse(e.key().text());
            for (String part : List.of(name.schema(), name.name())) {
                int bytes = QualifiedName.byteLength(part);
                if (bytes > QualifiedName.MAX_IDENTIFIER_BYTES) {
                    // PostgreSQL silently truncates such names at CREATE time, so this one can never match.
                    problems.add(e.key(), path, "'" + part + "' is " + bytes + " bytes; PostgreSQL keeps only the first "
                            + QualifiedName.MAX_IDENTIFIER_BYTES + " bytes of an identifier",
                            "write the name as the database has it (see \\dt or pg_class.relname)");
                    return Optional.empty();
                }
            }
            return Optional.of(name);
        } catch (PgpartException ex) {
            problems.add(e.key(), path, ex.getMessage(), "write schema.table; double-quote parts with dots, spaces, "
                    + "capitals or quotes, e.g. '\"Sales Dept\".\"Orders\"'");
            return Optional.empty();
        }
    }
}
