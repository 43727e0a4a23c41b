package dev.pgpart.advise;

import dev.pgpart.sql.QualifiedName;

/**
 * @param onPartitionedTable a partitioned index (created ON ONLY the parent, or with a partition failing): it
 *                           becomes valid when every partition has one attached
 */
record InvalidIndex(QualifiedName table, QualifiedName index, boolean onPartitionedTable) {
}
