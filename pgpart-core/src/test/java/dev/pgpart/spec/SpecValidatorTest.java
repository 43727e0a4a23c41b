package dev.pgpart.spec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpart.internal.catalog.Catalog;
import dev.pgpart.internal.catalog.Column;
import dev.pgpart.internal.catalog.KeyColumn;
import dev.pgpart.internal.catalog.KeyType;
import dev.pgpart.internal.catalog.TableInfo;
import dev.pgpart.internal.catalog.TableInfo.Kind;
import dev.pgpart.internal.catalog.TableInfo.Strategy;
import dev.pgpart.internal.catalog.TableProperties;
import dev.pgpart.sql.QualifiedName;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SpecValidatorTest {
    private static final QualifiedName ORDERS = QualifiedName.of("public", "orders");
    private static final String WHERE = "database tables.\"public.orders\"";

    static KeyColumn key(String name, String typeName) {
        return new KeyColumn(name, Optional.empty(), typeName, KeyType.fromTypeName(typeName));
    }

    static TableInfo table(Kind kind, Optional<Strategy> strategy, List<KeyColumn> key, String... columns) {
        return new TableInfo(ORDERS, kind, strategy, key, List.of(), Optional.empty(), Optional.empty(), Optional.empty(),
                TableProperties.none("owner"), Arrays.stream(columns).map(c -> new Column(c, false, -1)).toList());
    }

    static TableInfo partitioned(Strategy strategy, KeyColumn... key) {
        return table(Kind.PARTITIONED_TABLE, Optional.of(strategy), List.of(key), "id", "created_at", "customer_id", "Region");
    }

    static Catalog catalog(TableInfo... tables) {
        return new Catalog(180001, Arrays.stream(tables).collect(java.util.stream.Collectors.toMap(TableInfo::name, t -> t)),
                Set.of(ORDERS, QualifiedName.of("public", "orders_p20240101"), QualifiedName.of("public", "Customers")));
    }

    static Spec range(Consumer<RangeTableBuilder> settings) {
        return SpecBuilder.create().range("public.orders", settings).build();
    }

    /** A configured table, a catalog table, and what the validator must say (empty: nothing). */
    record Case(String name, Spec spec, TableInfo info, String problem, String fix) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> mismatches() {
        KeyColumn ts = key("created_at", "timestamp with time zone");
        KeyColumn date = key("day", "date");
        KeyColumn bigint = key("id", "bigint");
        KeyColumn uuid = key("id", "uuid");
        KeyColumn text = key("code", "text");
        return Stream.of(
                new Case("a plain table is not partitioned", range(r -> r.interval("1 month")),
                        table(Kind.TABLE, Optional.empty(), List.of(), "id"), "is a plain table, not partitioned",
                        "add key: <column> to its entry and convert it online with pgpart convert plan"),
                new Case("a view is not a table", range(r -> r.interval("1 month")),
                        table(Kind.OTHER, Optional.empty(), List.of(), "id"), "is not a table", "PARTITION BY RANGE"),
                new Case("a RANGE config on a LIST table shows the catalog's method and key", range(r -> r.interval("1 month")),
                        partitioned(Strategy.LIST, key("region", "text")),
                        "configured as RANGE (interval:), but the table is PARTITION BY LIST (region text)",
                        "configure it with list: to match the table, or re-create the table with PARTITION BY RANGE (region text)"),
                new Case("a HASH config on a RANGE table is reported", SpecBuilder.create().hash("public.orders", 4).build(),
                        partitioned(Strategy.RANGE, ts), "PARTITION BY RANGE (created_at timestamp with time zone)", "interval:"),
                new Case("a RANGE key expression is refused", range(r -> r.interval("1 day")),
                        partitioned(Strategy.RANGE, new KeyColumn("", Optional.of("date_trunc('day', created_at)"), "timestamp without time zone",
                                KeyType.TIMESTAMP)), "(date_trunc('day', created_at)) timestamp without time zone", "single column"),
                new Case("a multi-column RANGE key is refused", range(r -> r.interval("1 day")),
                        partitioned(Strategy.RANGE, ts, bigint), "(created_at timestamp with time zone, id bigint)", "single column"),
                new Case("hours need a time of day", range(r -> r.interval("6 hours")), partitioned(Strategy.RANGE, date),
                        "interval 6 hours is hourly, but key day date has no time of day", "1 day or longer"),
                new Case("a numeric interval needs a numeric key", range(r -> r.interval("1000")), partitioned(Strategy.RANGE, ts),
                        "interval 1000 is numeric, but key created_at timestamp with time zone is not a number", "calendar interval"),
                new Case("a fractional step needs a numeric key", range(r -> r.interval("0.5")), partitioned(Strategy.RANGE, bigint),
                        "has a fraction", "whole number"),
                new Case("a calendar interval on an integer key needs snowflake", range(r -> r.interval("1 month")),
                        partitioned(Strategy.RANGE, bigint), "key id bigint is an integer", "snowflake"),
                new Case("a calendar interval on a uuid key needs uuidv7", range(r -> r.interval("1 month")),
                        partitioned(Strategy.RANGE, uuid), "uuid without id_encoding: uuidv7", "add id_encoding: uuidv7"),
                new Case("uuidv7 needs a uuid key", range(r -> r.interval("1 month").uuidv7()), partitioned(Strategy.RANGE, bigint),
                        "id_encoding: uuidv7 needs a uuid key", "numeric interval"),
                new Case("snowflake needs an integer key", range(r -> r.interval("1 month").snowflake(Instant.EPOCH, 22)),
                        partitioned(Strategy.RANGE, uuid), "is a uuid without id_encoding: uuidv7", "uuidv7"),
                new Case("id_encoding on a time key is refused", range(r -> r.interval("1 month").uuidv7()),
                        partitioned(Strategy.RANGE, ts), "key created_at timestamp with time zone is already a time", "remove id_encoding"),
                new Case("a calendar interval on a text key is refused", range(r -> r.interval("1 month")),
                        partitioned(Strategy.RANGE, text), "key code text is not one", "date or timestamp"),
                new Case("int4 partitions past 2147483647 are refused before PostgreSQL fails with 22003",
                        range(r -> r.interval("1000000000")), partitioned(Strategy.RANGE, key("id", "integer")),
                        "need partition bounds 0 to 5000000000, but key id integer holds only -2147483648..2147483647",
                        "lower premake to at most 1"),
                new Case("a start near the end of int4 is refused", range(r -> r.interval("1000000").start("2147000000")),
                        partitioned(Strategy.RANGE, key("id", "integer")), "from start 2147000000", "TYPE bigint"),
                new Case("a smallint key holds only 32767", range(r -> r.interval("10000").premake(4)),
                        partitioned(Strategy.RANGE, key("id", "smallint")), "holds only -32768..32767", "at most 2"),
                new Case("a numeric(5,0) key holds only 99999", range(r -> r.interval("100000").premake(0)),
                        partitioned(Strategy.RANGE, key("v", "numeric(5,0)")), "holds only -99999..99999", "smaller interval"));
    }

    /** LIST values against the key's type: each problem is at the partition that lists the value. */
    static Stream<Case> listValueMismatches() {
        return Stream.of(
                new Case("a LIST value that is not an integer is refused on an integer key",
                        SpecBuilder.create().list("public.orders", l -> l.partition("a", "abc")).build(),
                        partitioned(Strategy.LIST, key("code", "integer")), "list value 'abc' is not a value of type integer",
                        "write values of type integer"),
                new Case("a LIST value with a fraction is refused on an integer key",
                        SpecBuilder.create().list("public.orders", l -> l.partition("a", "1.5")).build(),
                        partitioned(Strategy.LIST, key("code", "bigint")), "'1.5' is not a value of type bigint", "bigint"),
                new Case("a LIST value outside int2 is refused",
                        SpecBuilder.create().list("public.orders", l -> l.partition("a", "40000")).build(),
                        partitioned(Strategy.LIST, key("code", "smallint")), "'40000' is outside the range of smallint", "smallint"),
                new Case("a LIST value that is not a date is refused on a date key",
                        SpecBuilder.create().list("public.orders", l -> l.partition("a", "2024-13-01")).build(),
                        partitioned(Strategy.LIST, key("day", "date")), "'2024-13-01' is not a value of type date", "date"),
                new Case("LIST values equal as integers are one value listed twice",
                        SpecBuilder.create().list("public.orders", l -> l.partition("b", "3").partition("a", "03")).build(),
                        partitioned(Strategy.LIST, key("code", "integer")), "list value '03' is the integer 3, which 'b' lists too",
                        "keep each value once"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("listValueMismatches")
    void aListValueThatIsNotAValueOfTheKeyTypeIsReportedAtItsPartition(Case c) {
        List<ConfigProblem> problems = SpecValidator.validate(c.spec(), catalog(c.info()));
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.where()).isEqualTo(WHERE + ".list.a");
            assertThat(p.problem()).contains(c.problem());
            assertThat(p.fix()).contains(c.fix());
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mismatches")
    void aMismatchWithTheDatabaseIsReported(Case c) {
        List<ConfigProblem> problems = SpecValidator.validate(c.spec(), catalog(c.info()));
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.where()).isEqualTo(WHERE);
            assertThat(p.problem()).contains(c.problem());
            assertThat(p.fix()).contains(c.fix());
        });
    }

    static Stream<Case> fits() {
        return Stream.of(
                new Case("monthly on timestamptz", range(r -> r.interval("1 month")),
                        partitioned(Strategy.RANGE, key("created_at", "timestamp with time zone")), "", ""),
                new Case("hourly on timestamp", range(r -> r.interval("hourly")),
                        partitioned(Strategy.RANGE, key("created_at", "timestamp(3) without time zone")), "", ""),
                new Case("daily on date", range(r -> r.interval("1 day")), partitioned(Strategy.RANGE, key("day", "date")), "", ""),
                new Case("monthly on uuidv7", range(r -> r.interval("1 month").uuidv7()),
                        partitioned(Strategy.RANGE, key("id", "uuid")), "", ""),
                new Case("monthly on snowflake bigint", range(r -> r.interval("1 month").snowflake(Instant.EPOCH, 22)),
                        partitioned(Strategy.RANGE, key("id", "bigint")), "", ""),
                new Case("numeric on integer", range(r -> r.interval("1000000")), partitioned(Strategy.RANGE, key("id", "integer")), "", ""),
                new Case("int4 partitions up to its last whole step", range(r -> r.interval("100000000").premake(20)),
                        partitioned(Strategy.RANGE, key("id", "integer")), "", ""),
                new Case("LIST text values are taken as written", SpecBuilder.create().list("orders", l -> l.partition("a", "03")
                        .partition("b", "3")).build(), partitioned(Strategy.LIST, key("code", "text")), "", ""),
                new Case("LIST integer values written as text", SpecBuilder.create().list("orders", l -> l.partition("a", "03", "-7")).build(),
                        partitioned(Strategy.LIST, key("code", "integer")), "", ""),
                new Case("fractional on numeric", range(r -> r.interval("0.5")), partitioned(Strategy.RANGE, key("v", "numeric(10,2)")), "", ""),
                new Case("list on list", SpecBuilder.create().list("orders", l -> l.partition("eu", "EU")).build(),
                        partitioned(Strategy.LIST, key("region", "text")), "", ""),
                new Case("hash on hash", SpecBuilder.create().hash("orders", 4).build(),
                        partitioned(Strategy.HASH, key("customer_id", "bigint")), "", ""),
                new Case("a subpartition on an existing column", range(r -> r.interval("1 day").subpartitionHash("customer_id", 4)),
                        partitioned(Strategy.RANGE, key("created_at", "timestamp with time zone")), "", ""));
    }

    @ParameterizedTest(name = "{0} fits")
    @MethodSource("fits")
    void aSpecThatFitsTheDatabaseHasNoProblems(Case c) {
        assertThat(SpecValidator.validate(c.spec(), catalog(c.info()))).isEmpty();
    }

    @Test
    void everyDatabaseProblemNamesItsTableAsAValue() {
        Spec spec = SpecBuilder.create().hash("public.ordrs", 4)
                .range("public.orders", r -> r.interval("1 day").subpartitionHash("nope", 2)).build();
        assertThat(SpecValidator.validate(spec, catalog(partitioned(Strategy.RANGE, key("created_at", "date")))))
                .extracting(ConfigProblem::table)
                .containsExactly(Optional.of(QualifiedName.of("public", "ordrs")), Optional.of(ORDERS));
    }

    @Test
    void aMissingTableSuggestsACloseName() {
        Spec spec = SpecBuilder.create().hash("public.ordrs", 4).build();
        assertThat(SpecValidator.validate(spec, catalog())).singleElement().satisfies(p -> {
            assertThat(p.where()).isEqualTo("database tables.\"public.ordrs\"");
            assertThat(p.problem()).isEqualTo("table public.ordrs does not exist");
            assertThat(p.fix()).isEqualTo("did you mean public.orders? otherwise create it with PARTITION BY HASH (<column>),"
                    + " or fix the name in the configuration");
        });
    }

    @Test
    void aMissingTableWhoseNameDiffersOnlyInCaseSuggestsQuoting() {
        Spec spec = SpecBuilder.create().hash("public.Customers", 4).build();
        assertThat(SpecValidator.validate(spec, catalog())).singleElement()
                .satisfies(p -> assertThat(p.fix()).startsWith("did you mean public.\"Customers\"? (names with capitals must be"
                        + " double-quoted: '\"public\".\"Customers\"')"));
    }

    @Test
    void aSubpartitionKeyMustBeAColumnAndCaseIsExplained() {
        Spec spec = range(r -> r.interval("1 day").subpartitionList("region", l -> l.partition("eu", "EU")));
        List<ConfigProblem> problems = SpecValidator.validate(spec,
                catalog(partitioned(Strategy.RANGE, key("created_at", "timestamp with time zone"))));
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.where()).isEqualTo(WHERE + ".subpartition.key");
            assertThat(p.problem()).isEqualTo("subpartition key 'region' is not a column of public.orders");
            assertThat(p.fix()).startsWith("did you mean '\"Region\"' (quoted, it has capitals)?");
        });
    }

    @Test
    void aMisspelledSubpartitionKeySuggestsTheColumn() {
        Spec spec = range(r -> r.interval("1 day").subpartitionHash("customerid", 4));
        assertThat(SpecValidator.validate(spec, catalog(partitioned(Strategy.RANGE, key("created_at", "timestamp with time zone")))))
                .singleElement().satisfies(p -> assertThat(p.fix()).startsWith("did you mean customer_id? write one of: id,"));
    }

    @Test
    void everyTableIsCheckedInOneRun() {
        Spec spec = SpecBuilder.create().range("public.orders", r -> r.interval("1000")).hash("public.missing", 2)
                .list("public.other", l -> l.partition("a", "A")).build();
        assertThat(SpecValidator.validate(spec, new Catalog(140013,
                Map.of(ORDERS, partitioned(Strategy.RANGE, key("created_at", "date"))), Set.of(ORDERS))))
                .extracting(ConfigProblem::where)
                .containsExactly(WHERE, "database tables.\"public.missing\"", "database tables.\"public.other\"");
    }
}
