package dev.pgpart.jpa;

import dev.pgpart.api.TableDdl;
import dev.pgpart.sql.QualifiedName;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.hibernate.annotations.PartitionKey;
import org.hibernate.boot.Metadata;
import org.hibernate.mapping.Column;
import org.hibernate.mapping.Component;
import org.hibernate.mapping.ForeignKey;
import org.hibernate.mapping.Index;
import org.hibernate.mapping.PersistentClass;
import org.hibernate.mapping.Property;
import org.hibernate.mapping.Table;
import org.hibernate.mapping.UniqueKey;

/** Reads {@link EntityTable}s out of Hibernate's boot {@link Metadata}. */
final class MetadataTables {
    private MetadataTables() {
    }

    /** Every entity with a table of its own, in entity name order (so output never depends on scanning order). */
    static List<EntityTable> read(Metadata metadata) {
        return metadata.getEntityBindings().stream()
                .sorted(java.util.Comparator.comparing(PersistentClass::getEntityName))
                .map(pc -> table(pc, metadata)).toList();
    }

    private static EntityTable table(PersistentClass pc, Metadata md) {
        Table t = pc.getTable();
        List<TableDdl.ColumnDef> columns = t.getColumns().stream()
                .map(c -> new TableDdl.ColumnDef(name(c), c.getSqlType(md), !c.isNullable())).toList();
        List<String> pk = t.getPrimaryKey() == null ? List.of() : names(t.getPrimaryKey().getColumns());
        List<EntityTable.Unique> uniques = new ArrayList<>();
        t.getUniqueKeys().values().stream().sorted(java.util.Comparator.comparing(UniqueKey::getName))
                .filter(u -> !names(u.getColumns()).equals(pk))
                .forEach(u -> uniques.add(new EntityTable.Unique(u.getName(), names(u.getColumns()))));
        t.getColumns().stream().filter(Column::isUnique)
                .forEach(c -> uniques.add(new EntityTable.Unique("@Column(unique = true) " + name(c), List.of(name(c)))));
        List<TableDdl.IndexDef> indexes = t.getIndexes().values().stream()
                .sorted(java.util.Comparator.comparing(Index::getName))
                .map(i -> new TableDdl.IndexDef(i.getName(), names(i.getColumns()), i.isUnique())).toList();
        Map<String, List<String>> attributes = new LinkedHashMap<>();
        if (pc.getIdentifierProperty() != null) {
            attributes(pc.getIdentifierProperty(), "", attributes);
        }
        if (pc.getIdentifierMapper() != null) {
            pc.getIdentifierMapper().getProperties().forEach(p -> attributes(p, "", attributes));
        }
        // an @IdClass also shows up as the virtual property "_identifierMapper": its parts were added just above
        pc.getProperties().stream().filter(p -> !p.getName().equals("_identifierMapper"))
                .forEach(p -> attributes(p, "", attributes));
        List<EntityTable.Reference> refs = t.getForeignKeyCollection().stream()
                .sorted(java.util.Comparator.comparing(ForeignKey::getName))
                .map(fk -> reference(fk, attributes)).toList();
        return new EntityTable(pc.getMappedClass(), qualified(t), columns, pk, partitionKeyColumns(pc.getMappedClass(), attributes),
                uniques, indexes, refs, attributes);
    }

    private static EntityTable.Reference reference(ForeignKey fk, Map<String, List<String>> attributes) {
        List<String> cols = names(fk.getColumns());
        String attribute = attributes.entrySet().stream().filter(e -> e.getValue().equals(cols)).map(Map.Entry::getKey)
                .findFirst().orElse(String.join(", ", cols));
        List<String> target = fk.isReferenceToPrimaryKey() && fk.getReferencedTable().getPrimaryKey() != null
                ? names(fk.getReferencedTable().getPrimaryKey().getColumns()) : names(fk.getReferencedColumns());
        return new EntityTable.Reference(attribute, qualified(fk.getReferencedTable()), cols, target);
    }

    private static void attributes(Property p, String prefix, Map<String, List<String>> out) {
        if (p.getValue() instanceof Component c && !(p.getValue() instanceof org.hibernate.mapping.ToOne)) {
            c.getProperties().forEach(sub -> attributes(sub, prefix + p.getName() + ".", out));
            // an @EmbeddedId's parts are also known by their own names (what key = "..." usually says)
            c.getProperties().forEach(sub -> out.putIfAbsent(sub.getName(), names(sub.getColumns())));
            return;
        }
        out.put(prefix + p.getName(), names(p.getColumns()));
    }

    /** Hibernate adds the columns of {@code @PartitionKey} attributes to the primary key on PostgreSQL. */
    private static List<String> partitionKeyColumns(Class<?> entity, Map<String, List<String>> attributes) {
        List<String> out = new ArrayList<>();
        for (Class<?> c = entity; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (f.isAnnotationPresent(PartitionKey.class)) {
                    out.addAll(attributes.getOrDefault(f.getName(), List.of()));
                }
            }
        }
        return out;
    }

    static QualifiedName qualified(Table t) {
        String schema = t.getSchema() == null ? "public" : fold(t.getSchema(), t.getSchemaIdentifier().isQuoted());
        return QualifiedName.of(schema, fold(t.getName(), t.isQuoted()));
    }

    private static List<String> names(List<Column> columns) {
        return columns.stream().map(MetadataTables::name).toList();
    }

    private static String name(Column c) {
        return fold(c.getName(), c.isQuoted());
    }

    /** PostgreSQL folds an unquoted name to lower case; Hibernate writes it unquoted unless told otherwise. */
    private static String fold(String name, boolean quoted) {
        return quoted ? name : name.toLowerCase(Locale.ROOT);
    }
}
