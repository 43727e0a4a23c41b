package dev.pgpart.internal.exec;

import dev.pgpart.internal.catalog.Distribution;
import dev.pgpart.internal.catalog.TableInfo;
import dev.pgpart.sql.QualifiedName;
import dev.pgpart.sql.Sql;
import java.util.Optional;

/** The statements that only distributed (Citus) tables need. */
final class CitusSql {
    private CitusSql() {
    }

    /**
     * Distributes a new, still standalone child like its parent (same column, same co-location
     * group), so its shards sit next to the parent's and rows moved into it go to the workers.
     * Empty for a local parent, and for a reference table (ATTACH makes the child one).
     */
    static Optional<Step> distributeLikeParent(QualifiedName child, TableInfo parent) {
        return parent.distribution().flatMap(Distribution::column).map(column -> Step.ddl(
                "SELECT pg_catalog.create_distributed_table(" + Sql.literal(child.sql()) + ", " + Sql.literal(column)
                        + ", colocate_with => " + Sql.literal(parent.name().sql()) + ")"));
    }

    static String noSubpartitions(QualifiedName table) {
        return table + " is distributed by Citus, which does not support sub-partitioning a distributed table (0A000):"
                + " remove subpartition: from its entry; nothing was changed";
    }
}
