package dev.pgpart.spec;

import dev.pgpart.internal.catalog.Catalog;
import dev.pgpart.internal.catalog.TableInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks a {@link Spec} against one {@link Catalog} snapshot with the {@link TableRules}: each table
 * exists, is partitioned the way its policy says, and has a key its settings fit. Pure; no database access.
 */
public final class SpecValidator {
    private SpecValidator() {
    }

    /** Every problem found, in table order; empty when the spec fits the database. */
    public static List<ConfigProblem> validate(Spec spec, Catalog catalog) {
        List<ConfigProblem> problems = new ArrayList<>();
        for (TableSpec table : spec.tables()) {
            problems.addAll(validate(table, catalog));
        }
        return List.copyOf(problems);
    }

    /** The problems of one table; a table that is missing or partitioned otherwise has only that one. */
    public static List<ConfigProblem> validate(TableSpec table, Catalog catalog) {
        Optional<ConfigProblem> missing = TableRules.exists(table, catalog);
        if (missing.isPresent()) {
            return List.of(missing.get());
        }
        TableInfo t = catalog.table(table.table()).orElseThrow();
        Optional<ConfigProblem> blocker = TableRules.partitioned(table, t).or(() -> TableRules.method(table, t));
        if (blocker.isPresent()) {
            return List.of(blocker.get());
        }
        Optional<ConfigProblem> keyProblem = TableRules.key(table, t);
        if (TableRules.awaitingConversion(table, t) || keyProblem.isPresent()) {
            // a plain table awaiting conversion has no partitions to check yet: only its key: can be wrong
            return keyProblem.map(List::of).orElse(List.of());
        }
        List<ConfigProblem> problems = new ArrayList<>();
        Optional<ConfigProblem> key = TableRules.rangeKey(table, t);
        key.ifPresent(problems::add);
        if (key.isEmpty()) {
            TableRules.numericReach(table, t).ifPresent(problems::add);
        }
        problems.addAll(TableRules.listValues(table, t));
        TableRules.subpartitionKey(table, t).ifPresent(problems::add);
        TableRules.distributedSubpartition(table, t).ifPresent(problems::add);
        TableRules.distributedArchive(table, t).ifPresent(problems::add);
        return problems;
    }
}
