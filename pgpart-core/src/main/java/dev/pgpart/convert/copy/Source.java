package dev.pgpart.convert.copy;

import dev.pgpart.sql.QualifiedName;
import java.util.List;
import java.util.Optional;

/**
 * The original (unpartitioned) table as the copy strategy needs it: a view of the conversion
 * preflight's {@link dev.pgpart.convert.Source} (one catalog reader for both strategies).
 *
 * @param primaryKey    the primary key's columns, in key order
 * @param primaryKeyName the primary key constraint (and index) name
 * @param indexes       every other valid index
 * @param foreignKeys   outgoing foreign keys (name, {@code pg_get_constraintdef} text)
 * @param sequences     sequences owned by a column through {@code serial} / {@code OWNED BY} (not identity)
 */
record Source(QualifiedName name, List<Col> columns, List<String> primaryKey, String primaryKeyName,
              List<Index> indexes, List<ForeignKey> foreignKeys, List<OwnedSequence> sequences) {
    Source {
        columns = List.copyOf(columns);
        primaryKey = List.copyOf(primaryKey);
        indexes = List.copyOf(indexes);
        foreignKeys = List.copyOf(foreignKeys);
        sequences = List.copyOf(sequences);
    }

    /** The copy strategy's view of what the preflight read. */
    static Source of(dev.pgpart.convert.Source s) {
        List<Col> cols = s.columns().stream().map(c -> new Col(c.name(), c.type(), c.generated(), c.identity(), c.notNull()))
                .toList();
        Optional<dev.pgpart.convert.Source.Con> pk = s.primaryKey();
        String pkName = pk.map(dev.pgpart.convert.Source.Con::name).orElse("");
        List<Index> indexes = s.indexes().stream()
                .filter(i -> i.valid() && !(pk.isPresent() && i.constraint().equals(Optional.of(pkName))))
                .map(i -> new Index(i.name(), i.unique(), i.columns().stream().filter(c -> !c.isEmpty()).toList(), i.using()))
                .toList();
        List<ForeignKey> fks = s.constraints().stream().filter(c -> c.type() == 'f')
                .map(c -> new ForeignKey(c.name(), c.definition())).toList();
        List<OwnedSequence> seqs = s.columns().stream().filter(c -> c.identity().isEmpty() && c.sequence().isPresent())
                .map(c -> new OwnedSequence(c.sequence().get().name(), c.name())).toList();
        return new Source(s.table(), cols, pk.map(dev.pgpart.convert.Source.Con::columns).orElse(List.of()), pkName, indexes,
                fks, seqs);
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
