package dev.pgpart.convert.copy;

import dev.pgpart.sql.QualifiedName;
import java.util.List;
import java.util.Optional;

/**
 * The original (unpartitioned) table as the copy strategy needs it, read from the catalog.
 *
 * @param primaryKey    the primary key's columns, in key order
 * @param primaryKeyName the primary key constraint (and index) name
 * @param indexes       every other valid index
 * @param foreignKeys   outgoing foreign keys (name, {@code pg_get_constraintdef} text)
 * @param sequences     sequences owned by a column through {@code serial} / {@code OWNED BY} (not identity)
 */
record Source(long oid, QualifiedName name, List<Col> columns, List<String> primaryKey, String primaryKeyName,
              List<Index> indexes, List<ForeignKey> foreignKeys, List<OwnedSequence> sequences) {
    Source {
        columns = List.copyOf(columns);
        primaryKey = List.copyOf(primaryKey);
        indexes = List.copyOf(indexes);
        foreignKeys = List.copyOf(foreignKeys);
        sequences = List.copyOf(sequences);
    }

    /**
     * @param type     {@code format_type} output: catalog text, embedded in casts as PostgreSQL printed it
     * @param identity {@code attidentity}: {@code a} (ALWAYS), {@code d} (BY DEFAULT) or empty
     */
    record Col(String name, String type, boolean generated, Optional<Character> identity, boolean notNull) {
    }

    /**
     * @param columns plain columns the index uses (expressions aside)
     * @param using   the definition after {@code USING}, as {@code pg_get_indexdef} printed it
     */
    record Index(String name, boolean unique, List<String> columns, String using) {
        Index {
            columns = List.copyOf(columns);
        }
    }

    record ForeignKey(String name, String definition) {
    }

    record OwnedSequence(QualifiedName sequence, String column) {
    }

    Optional<Col> column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** Columns that can be written (generated ones are computed by each table itself). */
    List<String> writable() {
        return columns.stream().filter(c -> !c.generated()).map(Col::name).toList();
    }

    /** The new table's primary key: the original one plus the partition key when it is not already in it. */
    List<String> newPrimaryKey(String key) {
        if (primaryKey.contains(key)) {
            return primaryKey;
        }
        return java.util.stream.Stream.concat(primaryKey.stream(), java.util.stream.Stream.of(key)).toList();
    }

    String type(String column) {
        return column(column).orElseThrow().type();
    }
}
