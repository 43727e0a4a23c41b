package dev.pgpart.spec;

import dev.pgpart.catalog.Catalog;
import dev.pgpart.catalog.KeyColumn;
import dev.pgpart.catalog.TableInfo;
import dev.pgpart.sql.QualifiedName;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Checks a {@link Spec} against one {@link Catalog} snapshot: each table exists, is partitioned
 * the way its policy says, and has a key its interval can step over. Pure; no database access.
 */
public final class SpecValidator {
    private SpecValidator() {
    }

    /** Every problem found, in table order; empty when the spec fits the database. */
    /** Where this validator reports problems of {@code table}; sub-keys follow after a dot. */
    public static String where(dev.pgpart.sql.QualifiedName table) {
        return "database " + ConfigPath.ROOT.child("tables").child(table.toString());
    }

    public static List<ConfigProblem> validate(Spec spec, Catalog catalog) {
        List<ConfigProblem> problems = new ArrayList<>();
        for (TableSpec table : spec.tables()) {
            problems.addAll(validate(table, catalog));
        }
        return List.copyOf(problems);
    }

    static List<ConfigProblem> validate(TableSpec table, Catalog catalog) {
        String where = where(table.table());
        Optional<TableInfo> info = catalog.table(table.table());
        if (info.isEmpty()) {
            return List.of(new ConfigProblem(where, "table " + table.table() + " does not exist",
                    similarName(table.table(), catalog) + "create it with " + partitionBy(table.policy(), "<column>")
                            + ", or fix the name in the configuration"));
        }
        TableInfo t = info.get();
        if (!t.isPartitioned()) {
            String what = t.kind() == TableInfo.Kind.TABLE ? "a plain table, not partitioned" : "not a table (a view, foreign table or other relation)";
            return List.of(new ConfigProblem(where, table.table() + " is " + what,
                    "create it with " + partitionBy(table.policy(), "<column>") + ", or convert the existing table into"
                            + " a partitioned one (create the partitioned table and attach the old one as a partition)"));
        }
        String method = table.policy().method().name();
        String actual = t.strategy().map(Enum::name).orElse("?");
        if (!actual.equals(method)) {
            return List.of(new ConfigProblem(where, "configured as " + method + " (" + methodKey(table.policy())
                    + ":), but the table is PARTITION BY " + actual + " (" + keyText(t) + ")",
                    "configure it with " + methodKey(t) + ": to match the table, or re-create the table with "
                            + partitionBy(table.policy(), keyText(t))));
        }
        List<ConfigProblem> problems = new ArrayList<>();
        if (table.policy() instanceof RangePolicy) {
            KeyChecks.range((RangePolicy) table.policy(), t, where).ifPresent(problems::add);
        }
        table.subpartition().ifPresent(sub -> KeyChecks.subpartitionKey(sub, t, where).ifPresent(problems::add));
        return problems;
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
        return t.key().stream().map(SpecValidator::keyText).collect(Collectors.joining(", "));
    }

    static String keyText(KeyColumn k) {
        return k.expression().map(e -> "(" + e + ")").orElse(k.name()) + " " + k.typeName();
    }
}
