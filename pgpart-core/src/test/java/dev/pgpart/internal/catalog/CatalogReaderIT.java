package dev.pgpart.internal.catalog;

import dev.pgpart.api.Bound;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpart.internal.exec.Session;
import dev.pgpart.sql.QualifiedName;
import dev.pgpart.test.Db;
import java.sql.Connection;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class CatalogReaderIT {
    static Db db;

    @BeforeAll
    static void schema() {
        db = Db.create("catalogreader");
        db.exec("CREATE ROLE catalog_reader_app",
                "CREATE TABLE orders (id bigint, created_at timestamptz NOT NULL, note text, "
                        + "total numeric GENERATED ALWAYS AS (id * 2) STORED, PRIMARY KEY (id, created_at)) "
                        + "PARTITION BY RANGE (created_at)",
                "ALTER TABLE orders ALTER COLUMN note SET STATISTICS 500",
                "GRANT SELECT, INSERT ON orders TO catalog_reader_app",
                "ALTER TABLE orders ENABLE ROW LEVEL SECURITY",
                "CREATE POLICY own ON orders FOR SELECT TO catalog_reader_app USING (id > 0)",
                "CREATE TABLE orders_p20240101 PARTITION OF orders FOR VALUES FROM ('2024-01-01 00:00+00') TO ('2024-02-01 00:00+00')",
                "CREATE TABLE orders_p20240201 PARTITION OF orders FOR VALUES FROM ('2024-02-01 00:00+00') TO ('2024-03-01 00:00+00') "
                        + "WITH (autovacuum_enabled = false)",
                "ALTER TABLE orders_p20240201 REPLICA IDENTITY FULL",
                "COMMENT ON TABLE orders_p20240201 IS 'pgpart:managed partition of orders'",
                "CREATE TABLE orders_default PARTITION OF orders DEFAULT",
                "INSERT INTO orders (id, created_at) VALUES (1, '2023-05-05 10:00+00'), (2, '2025-07-01 00:00+00')",
                "CREATE TABLE events (id bigint) PARTITION BY RANGE (id)",
                "CREATE TABLE events_p0 PARTITION OF events FOR VALUES FROM (0) TO (1000)",
                "CREATE TABLE events_p1000 PARTITION OF events FOR VALUES FROM (1000) TO (2000)",
                "CREATE TABLE events_p2000 PARTITION OF events FOR VALUES FROM (2000) TO (3000)",
                "INSERT INTO events VALUES (5), (1234)",
                "CREATE TABLE tickets (id bigint) PARTITION BY RANGE (id)",
                "CREATE TABLE tickets_default PARTITION OF tickets DEFAULT",
                "INSERT INTO tickets SELECT g FROM generate_series(1, 2499001, 1000) g",
                "INSERT INTO tickets VALUES (NULL), (NULL), (NULL)",
                "CREATE SCHEMA \"Sales Dept\"",
                "CREATE TABLE \"Sales Dept\".\"Orders;X\" (region text) PARTITION BY LIST (region)",
                "CREATE TABLE \"Sales Dept\".\"na\" PARTITION OF \"Sales Dept\".\"Orders;X\" FOR VALUES IN ('NA', NULL)",
                "CREATE TABLE plain (x int)");
    }

    Catalog read(QualifiedName... names) throws Exception {
        try (Connection c = db.dataSource().getConnection()) {
            Session.configure(c);
            return new CatalogReader(true).read(c, List.of(names));
        }
    }

    @Test
    void readsARangeTableWithItsPartitionsDefaultAndProperties() throws Exception {
        QualifiedName orders = QualifiedName.of("public", "orders");
        TableInfo t = read(orders).table(orders).orElseThrow();

        assertThat(t.kind()).isEqualTo(TableInfo.Kind.PARTITIONED_TABLE);
        assertThat(t.strategy()).contains(TableInfo.Strategy.RANGE);
        assertThat(t.singleKeyColumn()).hasValueSatisfying(k -> {
            assertThat(k.name()).isEqualTo("created_at");
            assertThat(k.type()).isEqualTo(KeyType.TIMESTAMPTZ);
        });
        assertThat(t.partitions()).extracting(p -> p.name().name()).containsExactly("orders_p20240101", "orders_p20240201");
        assertThat(t.partitions().get(0).bound()).isEqualTo(
                new Bound.Range(Optional.of("2024-01-01 00:00:00+00"), Optional.of("2024-02-01 00:00:00+00")));
        assertThat(t.partitions()).extracting(Partition::managed).containsExactly(false, true);
        assertThat(t.defaultPartition()).map(p -> p.name().name()).contains("orders_default");
        assertThat(t.defaultContents()).contains(new DefaultContents(2, 0,
                Optional.of("2023-05-05 10:00:00+00"), Optional.of("2025-07-01 00:00:00+00")));
        assertThat(t.properties().templateReloptions()).containsExactly("autovacuum_enabled=false");
        assertThat(t.properties().replicaIdentity()).isEqualTo('f');
        assertThat(t.properties().rowSecurity()).isTrue();
        assertThat(t.properties().grants()).extracting(TableProperties.Grant::privilege).containsExactly("INSERT", "SELECT");
        assertThat(t.properties().policies()).singleElement().satisfies(p -> {
            assertThat(p.name()).isEqualTo("own");
            assertThat(p.roles()).containsExactly("catalog_reader_app");
            assertThat(p.using()).contains("(id > 0)");
        });
        assertThat(t.columns()).extracting(Column::name).containsExactly("id", "created_at", "note", "total");
        assertThat(t.columns()).filteredOn(Column::generated).extracting(Column::name).containsExactly("total");
        assertThat(t.columns()).filteredOn(c -> c.name().equals("note")).extracting(Column::statisticsTarget).containsExactly(500);
        assertThat(t.partitions()).allSatisfy(p -> assertThat(p.totalBytes()).isPositive());
    }

    @Test
    void findsTheHighestKeyOfANumericRangeTableFromTheTop() throws Exception {
        QualifiedName events = QualifiedName.of("public", "events");
        TableInfo t = read(events).table(events).orElseThrow();
        assertThat(t.highestKey()).contains("1234");
        assertThat(t.defaultPartition()).isEmpty();
    }

    @Test
    void readsTheDefaultsLowestAndHighestNumericKeyByValueAndCountsNullKeysApart() throws Exception {
        QualifiedName tickets = QualifiedName.of("public", "tickets");
        TableInfo t = read(tickets).table(tickets).orElseThrow();
        assertThat(t.defaultContents()).contains(new DefaultContents(2503, 3, Optional.of("1"), Optional.of("2499001")));
    }

    @Test
    void readsHostileNamesAndListBoundsWithNull() throws Exception {
        QualifiedName sales = QualifiedName.parse("\"Sales Dept\".\"Orders;X\"");
        Catalog catalog = read(sales);
        TableInfo t = catalog.table(sales).orElseThrow();
        assertThat(t.strategy()).contains(TableInfo.Strategy.LIST);
        assertThat(t.partitions()).singleElement().satisfies(p ->
                assertThat(p.bound()).isEqualTo(new Bound.In(List.of(Optional.of("NA"), Optional.empty()))));
        assertThat(catalog.nameTaken(QualifiedName.of("Sales Dept", "na"))).isTrue();
    }

    @Test
    void reportsPlainAndMissingTablesForWhatTheyAre() throws Exception {
        QualifiedName plain = QualifiedName.of("public", "plain");
        QualifiedName missing = QualifiedName.of("public", "nope");
        Catalog catalog = read(plain, missing);
        assertThat(catalog.table(plain)).map(TableInfo::kind).contains(TableInfo.Kind.TABLE);
        assertThat(catalog.table(missing)).isEmpty();
        assertThat(catalog.majorVersion()).isBetween(14, 18);
    }
}
