package dev.pgpart.advise;

import dev.pgpart.sql.QualifiedName;
import java.util.List;

/**
 * A foreign key where either side is partitioned or about to be converted.
 *
 * @param referencingKey the referencing table's partition key columns; empty when it is not partitioned
 * @param onDelete       pg_constraint.confdeltype: {@code a} no action, {@code r} restrict, {@code c} cascade,
 *                       {@code n} set null, {@code d} set default
 */
record ForeignKey(String name, QualifiedName referencing, List<String> columns, List<String> referencingKey,
                  QualifiedName referenced, List<String> referencedColumns, boolean referencedPartitioned, char onDelete) {
    ForeignKey {
        columns = List.copyOf(columns);
        referencingKey = List.copyOf(referencingKey);
        referencedColumns = List.copyOf(referencedColumns);
    }

    boolean referencingPartitioned() {
        return !referencingKey.isEmpty();
    }

    boolean noDeleteAction() {
        return onDelete == 'a' || onDelete == 'r';
    }
}
