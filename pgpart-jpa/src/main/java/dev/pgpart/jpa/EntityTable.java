package dev.pgpart.jpa;

import dev.pgpart.api.TableDdl;
import dev.pgpart.sql.QualifiedName;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An entity's table as Hibernate's boot metamodel maps it: names as PostgreSQL stores them (an
 * unquoted name folded to lower case), SQL types as the PostgreSQL dialect writes them.
 *
 * @param entity       the entity class
 * @param primaryKey   the identifier's columns as mapped (without Hibernate's {@code @PartitionKey} addition)
 * @param partitionKeyColumns columns of attributes annotated with Hibernate's {@code @PartitionKey}
 * @param attributes   attribute path -> its columns, to name attributes in messages and resolve keys
 */
record EntityTable(Class<?> entity, QualifiedName table, List<TableDdl.ColumnDef> columns, List<String> primaryKey,
                   List<String> partitionKeyColumns, List<Unique> uniques, List<TableDdl.IndexDef> indexes,
                   List<Reference> references, Map<String, List<String>> attributes) {
    EntityTable {
        columns = List.copyOf(columns);
        primaryKey = List.copyOf(primaryKey);
        partitionKeyColumns = List.copyOf(partitionKeyColumns);
        uniques = List.copyOf(uniques);
        indexes = List.copyOf(indexes);
        references = List.copyOf(references);
        attributes = Map.copyOf(attributes);
    }

    /** A unique constraint: {@code @Table(uniqueConstraints)} (named) or {@code @Column(unique = true)}. */
    record Unique(String name, List<String> columns) {
        Unique {
            columns = List.copyOf(columns);
        }
    }

    /** A foreign key of this table to {@code target}, by {@code columns} referencing {@code targetColumns}. */
    record Reference(String attribute, QualifiedName target, List<String> columns, List<String> targetColumns) {
        Reference {
            columns = List.copyOf(columns);
            targetColumns = List.copyOf(targetColumns);
        }
    }

    /** The attribute mapped to {@code column}, for messages. */
    Optional<String> attributeOf(String column) {
        return attributes.entrySet().stream().filter(e -> e.getValue().contains(column)).map(Map.Entry::getKey)
                .sorted().findFirst();
    }

    /** {@code name} as a column: a column name, or an attribute mapped to exactly one column. */
    Optional<String> column(String name) {
        if (columns.stream().anyMatch(c -> c.name().equals(name))) {
            return Optional.of(name);
        }
        List<String> cols = attributes.getOrDefault(name, List.of());
        return cols.size() == 1 ? Optional.of(cols.get(0)) : Optional.empty();
    }

    String entityName() {
        return entity.getSimpleName() + " (" + entity.getName() + ")";
    }
}
