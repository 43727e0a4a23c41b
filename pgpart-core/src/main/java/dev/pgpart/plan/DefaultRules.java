package dev.pgpart.plan;

import dev.pgpart.internal.catalog.TableInfo;
import dev.pgpart.spec.TableSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What RANGE and LIST tables share about the DEFAULT partition: create it, or notice one that is not wanted. */
final class DefaultRules {
    private DefaultRules() {
    }

    static Optional<Action> create(TableSpec spec, TableInfo table, NameBook names) {
        if (!spec.defaultPartition() || table.defaultPartition().isPresent()) {
            return Optional.empty();
        }
        PartitionNamer namer = PartitionNamer.of(spec);
        return Optional.of(new CreateDefaultPartition(spec.table(), names.claim(spec.table(), namer.defaultPartition())));
    }

    static List<Finding> drift(TableSpec spec, TableInfo table) {
        List<Finding> out = new ArrayList<>();
        if (!spec.defaultPartition() && table.defaultPartition().isPresent()) {
            out.add(Findings.note(spec.table(), Finding.Kind.DRIFT, "default partition "
                    + table.defaultPartition().get().name() + " exists but the config has default_partition: false;"
                    + " pgpart leaves it in place (set default_partition: true, or detach it by hand once empty)"));
        }
        return out;
    }

    static long rows(TableInfo table) {
        return table.defaultContents().map(c -> c.rows()).orElse(0L);
    }
}
