package dev.pgpart.plan;

import dev.pgpart.internal.catalog.Catalog;
import dev.pgpart.internal.catalog.TableInfo;
import dev.pgpart.spec.ConfigProblem;
import dev.pgpart.spec.SpecValidator;
import dev.pgpart.spec.TableRules;
import dev.pgpart.spec.TableSpec;
import java.util.List;
import java.util.Optional;

/**
 * Whether a configured table can be planned at all: it exists, is partitioned, by the configured
 * method. The rules and their wording are the validator's ({@link TableRules}), as findings.
 */
public final class TableChecks {
    private TableChecks() {
    }

    /** The reason the table cannot be planned, if there is one. */
    static Optional<Finding> blocker(TableSpec spec, Catalog catalog) {
        Optional<ConfigProblem> missing = TableRules.exists(spec, catalog);
        if (missing.isPresent()) {
            return Optional.of(finding(spec, Finding.Kind.MISSING_TABLE, missing.get()));
        }
        TableInfo t = catalog.table(spec.table()).orElseThrow();
        if (TableRules.awaitingConversion(spec, t)) {
            return Optional.of(Findings.problem(spec.table(), Finding.Kind.NOT_CONVERTED, TableRules.notConvertedYet(spec)));
        }
        return TableRules.partitioned(spec, t).map(p -> finding(spec, Finding.Kind.MISSING_TABLE, p))
                .or(() -> TableRules.method(spec, t).map(p -> finding(spec, Finding.Kind.DRIFT, p)));
    }

    /** Every configuration problem of the table against the catalog, one finding each (what {@code check} reports). */
    public static List<Finding> configFindings(TableSpec spec, Catalog catalog) {
        Finding.Kind kind = blocker(spec, catalog).map(Finding::kind).orElse(Finding.Kind.DRIFT);
        return SpecValidator.validate(spec, catalog).stream().map(p -> finding(spec, kind, p)).toList();
    }

    static Finding finding(TableSpec spec, Finding.Kind kind, ConfigProblem p) {
        return Findings.problem(spec.table(), kind, p.message());
    }
}
