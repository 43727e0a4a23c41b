package dev.pgpart.spec;

import dev.pgpart.internal.catalog.Catalog;
import dev.pgpart.internal.catalog.KeyColumn;
import dev.pgpart.internal.catalog.TableInfo;
import dev.pgpart.sql.QualifiedName;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The compatibility rules between a configured table and the table in the database, one function
 * per rule. The validator ({@code validate}, {@code check}) and the planner both call these, so
 * they cannot disagree about what fits or say it in other words.
 */
public final class TableRules {
    private TableRules() {
    }

    /** Where problems of {@code table} found against the database are reported; sub-keys follow after a dot. */
    public static String where(QualifiedName table) {
        return "database " + ConfigPath.ROOT.child("tables").child(table.toString());
    }

    static ConfigProblem problem(QualifiedName table, String subKey, String problem, String fix) {
        return new ConfigProblem(where(table) + subKey, Optional.of(table), problem, fix);
    }

    /** The table is in the catalog. */
    public static Optional<ConfigProblem> exists(TableSpec spec, Catalog catalog) {
        if (catalog.table(spec.table()).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(problem(spec.table(), "", "table " + spec.table() + " does not exist",
                similarName(spec.table(), catalog) + "create it with " + partitionBy(spec.policy(), "<column>")
                        + ", or fix the name in the configuration"));
    }

    /** The relation is a partitioned table (not a plain table, a view ...). A plain table with {@code key:} awaits conversion. */
    public static Optional<ConfigProblem> partitioned(TableSpec spec, TableInfo t) {
        if (t.isPartitioned() || awaitingConversion(spec, t)) {
            return Optional.empty();
        }
        String what = t.kind() == TableInfo.Kind.TABLE ? "a plain table, not partitioned"
                : "not a table (a view, foreign table or other relation)";
        return Optional.of(problem(spec.table(), "", spec.table() + " is " + what,
                t.kind() == TableInfo.Kind.TABLE
                        ? "add key: <column> to its entry and convert it online with pgpart convert plan " + spec.table()
                            + " then pgpart convert run " + spec.table() + " (see docs/guide-convert.md), or re-create it with "
                            + partitionBy(spec.policy(), "<column>")
                        : "create it with " + partitionBy(spec.policy(), "<column>")));
    }

    /**
     * A plain table configured with {@code key:}: {@code pgpart convert} turns it into a partitioned
     * one. Until then plan, maintain and check report it as not converted, not as a config error.
     */
    public static boolean awaitingConversion(TableSpec spec, TableInfo t) {
        return t.kind() == TableInfo.Kind.TABLE && spec.key().isPresent();
    }

    /** What plan, maintain and check say about a table {@link #awaitingConversion awaiting conversion}. */
    public static String notConvertedYet(TableSpec spec) {
        return spec.table() + " is not converted yet: it is a plain table configured with key: " + spec.key().orElse("?")
                + "; run pgpart convert plan " + spec.table() + " to see what converting it takes, then pgpart convert run "
                + spec.table() + " (maintenance skips it until then)";
    }

    /** {@code key:} names a column of the table; for a partitioned table it is its partition key. */
    public static Optional<ConfigProblem> key(TableSpec spec, TableInfo t) {
        if (spec.key().isEmpty()) {
            return Optional.empty();
        }
        String key = spec.key().get();
        if (t.isPartitioned()) {
            boolean same = t.singleKeyColumn().map(k -> k.name().equals(key)).orElse(false);
            return same ? Optional.empty() : Optional.of(problem(spec.table(), ".key", "key: " + key
                    + " does not match the table's partition key (" + keyText(t) + ")",
                    "write key: " + t.key().stream().map(k -> k.expression().orElse(k.name())).collect(Collectors.joining(", "))
                            + ", or remove key: (it is read from the catalog for a partitioned table)"));
        }
        if (t.columns().stream().noneMatch(c -> c.name().equals(key))) {
            String names = t.columns().stream().map(dev.pgpart.internal.catalog.Column::name).collect(Collectors.joining(", "));
            return Optional.of(problem(spec.table(), ".key", "key: " + key + " is not a column of " + spec.table()
                    + " (columns: " + names + ")", Suggest.closest(key, t.columns().stream().map(dev.pgpart.internal.catalog.Column::name)
                    .toList()).map(n -> "did you mean " + n + "? ").orElse("") + "write the partition column's name"));
        }
        return Optional.empty();
    }

    /** The table is partitioned by the configured method. */
    public static Optional<ConfigProblem> method(TableSpec spec, TableInfo t) {
        if (awaitingConversion(spec, t)) {
            return Optional.empty(); // no PARTITION BY yet: convert creates it with the configured method
        }
        String method = spec.policy().method().name();
        String actual = t.strategy().map(Enum::name).orElse("?");
        if (actual.equals(method)) {
            return Optional.empty();
        }
        return Optional.of(problem(spec.table(), "", "configured as " + method + " (" + methodKey(spec.policy())
                        + ":), but the table is PARTITION BY " + actual + " (" + keyText(t) + ")",
                "configure it with " + methodKey(t) + ": to match the table, or re-create the table with "
                        + partitionBy(spec.policy(), keyText(t))));
    }

    /** A RANGE table's key is one plain column whose type the interval (and id_encoding) can step over. */
    public static Optional<ConfigProblem> rangeKey(TableSpec spec, TableInfo t) {
        if (!(spec.policy() instanceof RangePolicy policy)) {
            return Optional.empty();
        }
        return KeyChecks.range(policy, t).map(m -> problem(spec.table(), "", m.problem(), m.fix()));
    }

    /**
     * The partitions a numeric RANGE table gets from its start (or from 0 when it has none) fit the
     * key's type: an int4 key cannot hold a bound past 2147483647.
     */
    public static Optional<ConfigProblem> numericReach(TableSpec spec, TableInfo t) {
        if (!(spec.policy() instanceof RangePolicy policy) || !(policy.interval() instanceof Interval.Numeric)
                || t.singleKeyColumn().isEmpty()) {
            return Optional.empty();
        }
        Optional<BigDecimal> start = policy.start().filter(Start.AtValue.class::isInstance).map(s -> ((Start.AtValue) s).value());
        String from = start.map(s -> "start " + s.toPlainString()).orElse("an empty table (key 0, no start)");
        return reach(spec.table(), t.singleKeyColumn().get(), policy, start.orElse(BigDecimal.ZERO), from)
                .map(r -> problem(spec.table(), "", r.problem(), r.fix()));
    }

    /** Why the partitions made from {@code point} on (its slot and {@code premake} more) do not fit the key's type. */
    public static Optional<Reason> reach(QualifiedName table, KeyColumn key, RangePolicy policy, BigDecimal point,
                                         String pointText) {
        Optional<KeyLimits> limits = KeyLimits.of(key);
        if (limits.isEmpty() || !(policy.interval() instanceof Interval.Numeric num)) {
            return Optional.empty();
        }
        BigDecimal step = num.step();
        BigDecimal lower = point.divide(step, 0, RoundingMode.FLOOR).multiply(step);
        BigDecimal upper = lower.add(step.multiply(BigDecimal.valueOf(policy.premake() + 1L)));
        KeyLimits l = limits.get();
        if (l.contains(lower) && l.contains(upper)) {
            return Optional.empty();
        }
        // how many whole partitions fit between the point's slot and the type's end
        long fit = l.max().subtract(lower).divide(step, 0, RoundingMode.FLOOR).max(BigDecimal.ZERO).longValue();
        String widen = key.typeName().equals("bigint") ? "" : ", or widen the column: ALTER TABLE " + table.sql()
                + " ALTER COLUMN " + dev.pgpart.sql.Sql.ident(key.name()) + " TYPE bigint";
        return Optional.of(new Reason("from " + pointText + ", interval " + num + " and premake " + policy.premake()
                + " need partition bounds " + lower.toPlainString() + " to " + upper.toPlainString() + ", but key "
                + KeyChecks.keyText(key) + " holds only " + l + " (PostgreSQL fails with 22003, out of range)",
                (fit > 1 ? "lower premake to at most " + (fit - 1) + " or use a smaller interval" : "use a smaller interval or start")
                        + widen));
    }

    /** What is wrong and what to do, before it is attached to a table. */
    public record Reason(String problem, String fix) {
    }

    /** LIST values are values of the key's type, and no two partitions list the same value. */
    public static List<ConfigProblem> listValues(TableSpec spec, TableInfo t) {
        if (!(spec.policy() instanceof ListPolicy policy) || t.key().size() != 1) {
            return List.of();
        }
        KeyColumn key = t.key().get(0);
        List<ConfigProblem> out = new ArrayList<>();
        Map<String, String> owner = new HashMap<>();
        policy.partitions().forEach((suffix, values) -> values.stream().flatMap(Optional::stream).forEach(v -> {
            String sub = "." + ConfigPath.ROOT.child("list").child(suffix);
            Optional<String> refusal = KeyValues.refusal(key, v);
            if (refusal.isPresent()) {
                out.add(problem(spec.table(), sub, "list value " + refusal.get() + ", the type of key " + KeyChecks.keyText(key),
                        "write values of type " + key.typeName() + ", or partition by a column of the values' type"));
                return;
            }
            String value = KeyValues.canonical(key.type(), v).orElse(v);
            String previous = owner.putIfAbsent(value, suffix);
            if (previous != null) {
                out.add(problem(spec.table(), sub, "list value '" + v + "' is the " + key.typeName() + " " + value
                                + ", which '" + previous + "' lists too", "keep each value once, in one partition"));
            }
        }));
        return out;
    }

    /** A sub-partition key is a column of the table. */
    public static Optional<ConfigProblem> subpartitionKey(TableSpec spec, TableInfo t) {
        return spec.subpartition().flatMap(sub -> KeyChecks.subpartitionKey(sub, t))
                .map(m -> problem(spec.table(), ".subpartition.key", m.problem(), m.fix()));
    }

    /** Citus cannot sub-partition a distributed table (0A000): said up front, not when the first create fails. */
    public static Optional<ConfigProblem> distributedSubpartition(TableSpec spec, TableInfo t) {
        if (spec.subpartition().isEmpty() || !t.distributed()) {
            return Optional.empty();
        }
        return Optional.of(problem(spec.table(), ".subpartition", spec.table() + " is distributed by Citus ("
                + t.distribution().orElseThrow().describe() + "), and Citus does not support sub-partitioning a distributed table",
                "remove subpartition: from its entry (see docs/guide-citus.md)"));
    }

    /**
     * Archiving exports, verifies and restores a detached partition as a local table: a restore would
     * bring the rows back onto the coordinator's local storage, not into the workers' shards, and the
     * export and checksums have not been proven against shards. Said up front, before anything detaches.
     */
    public static Optional<ConfigProblem> distributedArchive(TableSpec spec, TableInfo t) {
        if (!(spec.policy() instanceof RangePolicy r) || r.onExpiry() != RangePolicy.OnExpiry.ARCHIVE || !t.distributed()) {
            return Optional.empty();
        }
        return Optional.of(problem(spec.table(), ".on_expiry", spec.table() + " is distributed by Citus ("
                + t.distribution().orElseThrow().describe() + "), and pgpart does not archive distributed tables: a"
                + " restored partition would come back as a local table on the coordinator instead of in the workers'"
                + " shards; nothing was detached or exported",
                "use on_expiry: detach (then export the detached table yourself, e.g. COPY (SELECT ...) TO from the"
                        + " coordinator, before dropping it) or on_expiry: drop (see docs/guide-citus.md)"));
    }

    private static String similarName(QualifiedName wanted, Catalog catalog) {
        Optional<QualifiedName> sameIgnoringCase = catalog.relationNames().stream()
                .filter(n -> n.schema().equalsIgnoreCase(wanted.schema()) && n.name().equalsIgnoreCase(wanted.name()))
                .findFirst();
        if (sameIgnoringCase.isPresent()) {
            return "did you mean " + sameIgnoringCase.get() + "? (names with capitals must be double-quoted: '"
                    + sameIgnoringCase.get().sql() + "'); otherwise ";
        }
        List<String> names = catalog.relationNames().stream().map(QualifiedName::toString).toList();
        return Suggest.closest(wanted.toString(), names).map(n -> "did you mean " + n + "? otherwise ").orElse("");
    }

    static String partitionBy(Policy policy, String key) {
        return "PARTITION BY " + policy.method().name() + " (" + key + ")";
    }

    private static String methodKey(Policy policy) {
        return policy instanceof RangePolicy ? "interval" : policy.method().name().toLowerCase(Locale.ROOT);
    }

    private static String methodKey(TableInfo t) {
        return t.strategy().map(s -> s == TableInfo.Strategy.RANGE ? "interval" : s.name().toLowerCase(Locale.ROOT)).orElse("?");
    }

    static String keyText(TableInfo t) {
        return t.key().stream().map(KeyChecks::keyText).collect(Collectors.joining(", "));
    }
}
