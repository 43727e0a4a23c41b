package dev.pgpart.plan;

import dev.pgpart.catalog.Catalog;
import dev.pgpart.catalog.TableInfo;
import dev.pgpart.spec.TableSpec;
import java.util.Locale;
import java.util.Optional;

/** Whether a configured table can be planned at all: it exists, is partitioned, by the configured method. */
final class TableChecks {
    private TableChecks() {
    }

    /** The reason the table cannot be planned, if there is one. */
    static Optional<Finding> blocker(TableSpec spec, Catalog catalog) {
        Optional<TableInfo> info = catalog.table(spec.table());
        String expected = spec.policy().method().name();
        if (info.isEmpty()) {
            return Optional.of(Findings.problem(spec.table(), Finding.Kind.MISSING_TABLE, "table " + spec.table()
                    + " does not exist; create it PARTITIONED BY " + expected + " or remove it from the config"));
        }
        TableInfo t = info.get();
        if (!t.isPartitioned()) {
            return Optional.of(Findings.problem(spec.table(), Finding.Kind.MISSING_TABLE, spec.table() + " is a "
                    + t.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ') + ", not a partitioned table;"
                    + " expected PARTITION BY " + expected + ". Convert it first (pgpart convert) or remove it from"
                    + " the config"));
        }
        String observed = t.strategy().map(Enum::name).orElse("(unknown)");
        if (!observed.equals(expected)) {
            return Optional.of(Findings.drift(spec.table(), spec.table() + " is partitioned by " + observed
                    + " but the config expects " + expected + "; fix the config (the method cannot be changed in place)"));
        }
        return Optional.empty();
    }
}
