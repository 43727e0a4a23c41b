package dev.pgpart.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgpart.api.TableDdl.ColumnDef;
import dev.pgpart.api.TableDdl.Definition;
import dev.pgpart.api.TableDdl.IndexDef;
import dev.pgpart.spec.SpecLoader;
import dev.pgpart.spec.TableSpec;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TableDdlTest {
    private static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");
    private static final Definition ORDERS = new Definition(
            List.of(new ColumnDef("id", "bigint", true), new ColumnDef("created_at", "timestamp(6) with time zone", true),
                    new ColumnDef("note", "varchar(255)", false)),
            List.of("created_at"), List.of("id", "created_at"), List.of(),
            List.of(new IndexDef("orders_note_idx", List.of("note"), false)));

    private static TableSpec spec(String yaml) {
        return SpecLoader.parse(yaml, "test.yml").tables().get(0);
    }

    @Test
    void aRangeTableIsCreatedWithItsKeyIndexesDefaultAndThePlannersFirstPartitions() {
        TableSpec orders = spec("tables:\n  public.orders:\n    interval: 1 month\n    premake: 1\n    default_partition: true\n");
        List<String> sql = TableDdl.render(orders, ORDERS, TableDdl.Initial.PLANNED, AT).statements();
        assertThat(sql.get(0)).isEqualTo("CREATE TABLE \"public\".\"orders\" (\n"
                + "    \"id\" bigint NOT NULL,\n    \"created_at\" timestamp(6) with time zone NOT NULL,\n"
                + "    \"note\" varchar(255),\n    PRIMARY KEY (\"id\", \"created_at\")\n) PARTITION BY RANGE (\"created_at\")");
        assertThat(sql.get(1)).isEqualTo("CREATE INDEX \"orders_note_idx\" ON \"public\".\"orders\" (\"note\")");
        assertThat(sql).anyMatch(s -> s.startsWith("CREATE TABLE \"public\".\"orders_default\""));
        assertThat(sql).contains("ALTER TABLE \"public\".\"orders\" ATTACH PARTITION \"public\".\"orders_p20261201\""
                + " FOR VALUES FROM ('2026-12-01 00:00:00+00') TO ('2027-01-01 00:00:00+00')");
        assertThat(sql).anyMatch(s -> s.contains("ATTACH PARTITION \"public\".\"orders_p20270101\""));
        assertThat(sql).noneMatch(s -> s.contains("OWNER TO"));
    }

    @Test
    void theSameInputRendersTheSameStatements() {
        TableSpec orders = spec("tables:\n  public.orders:\n    interval: 1 day\n    premake: 3\n");
        assertThat(TableDdl.render(orders, ORDERS, TableDdl.Initial.PLANNED, AT))
                .isEqualTo(TableDdl.render(orders, ORDERS, TableDdl.Initial.PLANNED, AT));
    }

    @Test
    void withoutInitialPartitionsOnlyTheParentAndItsIndexesAreCreated() {
        TableSpec orders = spec("tables:\n  public.orders:\n    interval: 1 month\n    default_partition: true\n");
        assertThat(TableDdl.render(orders, ORDERS, TableDdl.Initial.NONE, AT).statements()).hasSize(2);
    }

    @Test
    void aHashTableGetsOnePartitionPerRemainder() {
        TableSpec orders = spec("tables:\n  public.orders:\n    hash: { modulus: 3 }\n");
        Definition byId = new Definition(ORDERS.columns(), List.of("id"), List.of("id"), List.of(), List.of());
        List<String> sql = TableDdl.render(orders, byId, TableDdl.Initial.PLANNED, AT).statements();
        assertThat(sql.get(0)).endsWith("PARTITION BY HASH (\"id\")");
        assertThat(sql).filteredOn(s -> s.contains("FOR VALUES WITH (MODULUS 3, REMAINDER")).hasSize(3);
    }

    @Test
    void aColumnTypeThatIsNotAPlainTypeIsRefused() {
        TableSpec orders = spec("tables:\n  public.orders:\n    hash: { modulus: 3 }\n");
        Definition hostile = new Definition(List.of(new ColumnDef("id", "bigint); DROP TABLE x; --", true)),
                List.of("id"), List.of("id"), List.of(), List.of());
        assertThatThrownBy(() -> TableDdl.render(orders, hostile, TableDdl.Initial.NONE, AT))
                .hasMessageContaining("refusing column type 'bigint); DROP TABLE x; --' of column id");
    }

    @Test
    void aPartitionKeyThatIsNoColumnIsNamedWithTheColumnsThereAre() {
        TableSpec orders = spec("tables:\n  public.orders:\n    hash: { modulus: 3 }\n");
        Definition wrong = new Definition(ORDERS.columns(), List.of("customer_id"), List.of("id"), List.of(), List.of());
        assertThatThrownBy(() -> TableDdl.render(orders, wrong, TableDdl.Initial.NONE, AT))
                .hasMessage("partition key column customer_id is not a column of public.orders"
                        + " (columns: created_at, id, note)");
    }

    @Test
    void hostileNamesAreQuotedEverywhere() {
        TableSpec weird = spec("tables:\n  '\"Sales Dept\".\"Orders;2024\"':\n    hash: { modulus: 2 }\n");
        Definition def = new Definition(List.of(new ColumnDef("id\"; DROP TABLE x; --", "bigint", true)),
                List.of("id\"; DROP TABLE x; --"), List.of("id\"; DROP TABLE x; --"), List.of(), List.of());
        List<String> sql = TableDdl.render(weird, def, TableDdl.Initial.PLANNED, AT).statements();
        assertThat(sql.get(0)).isEqualTo("CREATE TABLE \"Sales Dept\".\"Orders;2024\" (\n"
                + "    \"id\"\"; DROP TABLE x; --\" bigint NOT NULL,\n    PRIMARY KEY (\"id\"\"; DROP TABLE x; --\")\n"
                + ") PARTITION BY HASH (\"id\"\"; DROP TABLE x; --\")");
        assertThat(sql).contains("ALTER TABLE \"Sales Dept\".\"Orders;2024\" ATTACH PARTITION \"Sales Dept\".\"Orders;2024_p0\""
                + " FOR VALUES WITH (MODULUS 2, REMAINDER 0)");
    }
}
