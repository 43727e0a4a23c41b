package dev.pgpart.internal.exec;

import dev.pgpart.api.Bound;
import dev.pgpart.internal.catalog.Column;
import dev.pgpart.internal.catalog.DefaultContents;
import dev.pgpart.internal.catalog.KeyColumn;
import dev.pgpart.internal.catalog.KeyType;
import dev.pgpart.internal.catalog.Partition;
import dev.pgpart.internal.catalog.TableInfo;
import dev.pgpart.internal.catalog.TableProperties;
import dev.pgpart.sql.QualifiedName;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Hand-built {@link TableInfo} for tests, until the real CatalogReader reads them. */
final class TableFixture {
    private final QualifiedName name;
    private TableInfo.Strategy strategy = TableInfo.Strategy.RANGE;
    private KeyColumn key;
    private final List<Column> columns = new ArrayList<>();
    private final List<Partition> partitions = new ArrayList<>();
    private Optional<Partition> defaultPartition = Optional.empty();
    private TableProperties properties = TableProperties.none("postgres");

    private TableFixture(QualifiedName name) {
        this.name = name;
    }

    static TableFixture of(QualifiedName name) {
        return new TableFixture(name);
    }

    TableFixture list() {
        strategy = TableInfo.Strategy.LIST;
        return this;
    }

    TableFixture key(String column, String typeName) {
        key = new KeyColumn(column, Optional.empty(), typeName, KeyType.fromTypeName(typeName));
        return this;
    }

    TableFixture columns(String... names) {
        for (String n : names) {
            columns.add(new Column(n, false, -1));
        }
        return this;
    }

    TableFixture column(Column c) {
        columns.add(c);
        return this;
    }

    TableFixture defaultPartition(QualifiedName d) {
        defaultPartition = Optional.of(new Partition(d, new Bound.Default(), false, false, true, 0, 0, List.of()));
        return this;
    }

    TableFixture managed(QualifiedName child, Bound bound) {
        partitions.add(new Partition(child, bound, false, false, true, 0, 0, List.of()));
        return this;
    }

    TableFixture properties(TableProperties p) {
        properties = p;
        return this;
    }

    TableInfo build() {
        return new TableInfo(name, TableInfo.Kind.PARTITIONED_TABLE, Optional.of(strategy), List.of(key), partitions,
                defaultPartition, defaultPartition.map(d -> DefaultContents.empty()), Optional.empty(), properties, columns);
    }
}
