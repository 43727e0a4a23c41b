package dev.pgpart.advise;

import dev.pgpart.sql.QualifiedName;
import java.util.Map;

/**
 * The indexes of one leaf partition by what they index, not by name.
 *
 * @param bySignature e.g. {@code btree (customer_id) WHERE (active)} (prefixed {@code UNIQUE}) to the index name
 */
record LeafIndexes(QualifiedName parent, QualifiedName partition, Map<String, QualifiedName> bySignature) {
    LeafIndexes {
        bySignature = Map.copyOf(bySignature);
    }
}
