package dev.pgpart.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgpart.spec.Interval.Unit;
import dev.pgpart.spec.RangePolicy.OnExpiry;
import dev.pgpart.sql.QualifiedName;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SpecLoaderTest {
    private static final Duration TWO_SECONDS = Duration.ofSeconds(2);

    static Path example() throws URISyntaxException {
        return Path.of(SpecLoaderTest.class.getResource("example.yml").toURI());
    }

    static Spec expectedExample() {
        Map<String, List<Optional<String>>> regions = new LinkedHashMap<>();
        regions.put("na", List.of(Optional.of("NA")));
        regions.put("eu", List.of(Optional.of("EU")));
        regions.put("apac", List.of(Optional.of("AS"), Optional.of("OC")));
        return new Spec(TWO_SECONDS, List.of(
                table("orders", new RangePolicy(new Interval.Calendar(1, Unit.MONTH), 4,
                        Optional.of(new Start.AtTime(LocalDateTime.parse("2024-01-01T00:00"))),
                        Optional.of(new Interval.Calendar(12, Unit.MONTH)), OnExpiry.DETACH, ZoneOffset.UTC, IdEncoding.NONE), true),
                table("events", new RangePolicy(new Interval.Numeric(new BigDecimal(1000000)), 3, Optional.empty(),
                        Optional.empty(), OnExpiry.DETACH, ZoneOffset.UTC, IdEncoding.NONE), false),
                table("audits", new RangePolicy(new Interval.Calendar(1, Unit.MONTH), 2, Optional.empty(),
                        Optional.empty(), OnExpiry.DETACH, ZoneOffset.UTC, new IdEncoding.UuidV7()), false),
                table("orders_by_region", new ListPolicy(regions), true),
                table("customers", new HashPolicy(8), false)));
    }

    private static TableSpec table(String name, Policy policy, boolean defaultPartition) {
        return new TableSpec(QualifiedName.of("public", name), policy, defaultPartition, TWO_SECONDS,
                Optional.empty(), Optional.empty(), false);
    }

    @Test
    void theExampleFileLoadsToTheExpectedRecords() throws Exception {
        assertThat(SpecLoader.load(example())).isEqualTo(expectedExample());
    }

    @Test
    void aMissingFileIsAConfigProblemNamingThePath() {
        assertThatThrownBy(() -> SpecLoader.load(Path.of("no/such/pgpart.yml")))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).singleElement()
                        .satisfies(p -> assertThat(p.where()).isEqualTo("no/such/pgpart.yml")));
    }

    @Test
    void unsetKeysTakeTheirDefaults() {
        Spec spec = SpecLoader.parse("tables:\n  orders:\n    interval: daily\n", "pgpart.yml");
        TableSpec t = spec.tables().get(0);
        assertThat(spec.lockTimeout()).isEqualTo(Spec.DEFAULT_LOCK_TIMEOUT);
        assertThat(t).isEqualTo(new TableSpec(QualifiedName.of("public", "orders"),
                new RangePolicy(new Interval.Calendar(1, Unit.DAY), RangePolicy.DEFAULT_PREMAKE, Optional.empty(), Optional.empty(),
                        OnExpiry.DETACH, ZoneOffset.UTC, IdEncoding.NONE), false, Spec.DEFAULT_LOCK_TIMEOUT,
                Optional.empty(), Optional.empty(), false));
    }

    @Test
    void everyOptionalKeyIsReadIntoTheRecord() {
        String yaml = """
                lock_timeout: 500ms
                tables:
                  app.tx:
                    interval: 2 weeks
                    premake: 0
                    start: 2024-01-01 06:00
                    retention: 1 year
                    on_expiry: drop
                    time_zone: Europe/Paris
                    id_encoding: {snowflake: {epoch: 2015-01-01, shift: 22}}
                    subpartition: {key: Customer_Id, hash: {modulus: 4}}
                    name_format: "{parent}_{lower:yyyyMMdd}"
                    lock_timeout: 1min
                    expire_unmanaged: true
                """;
        TableSpec t = SpecLoader.parse(yaml, "pgpart.yml").tables().get(0);
        assertThat(t).isEqualTo(new TableSpec(QualifiedName.of("app", "tx"),
                new RangePolicy(new Interval.Calendar(2, Unit.WEEK), 0,
                        Optional.of(new Start.AtTime(LocalDateTime.parse("2024-01-01T06:00"))),
                        Optional.of(new Interval.Calendar(1, Unit.YEAR)), OnExpiry.DROP, ZoneId.of("Europe/Paris"),
                        new IdEncoding.Snowflake(Instant.parse("2015-01-01T00:00:00Z"), 22)),
                false, Duration.ofMinutes(1), Optional.of(new SubPartition("customer_id", new HashPolicy(4))),
                Optional.of("{parent}_{lower:yyyyMMdd}"), true));
    }

    @ParameterizedTest(name = "interval ''{0}'' is {1}")
    @CsvSource(delimiter = '|', value = {
        "1 month|1 month", "3 months|3 months", "monthly|1 month", "hourly|1 hour", "6 hours|6 hours", "1 day|1 day",
        "daily|1 day", "weekly|1 week", "2 weeks|2 weeks", "quarterly|1 quarter", "1 quarter|1 quarter",
        "yearly|1 year", "2 years|2 years", "1 Month|1 month", "3mons|3 months", "1000000|1000000", "'1000000'|1000000",
        "2.5|2.5", "1e6|1000000"})
    void intervalsOfEveryUnitParse(String text, String expected) {
        Spec spec = SpecLoader.parse("tables: {t: {interval: " + text + "}}", "pgpart.yml");
        assertThat(((RangePolicy) spec.tables().get(0).policy()).interval()).hasToString(expected);
    }

    @ParameterizedTest(name = "lock_timeout {0} is {1} ms")
    @CsvSource({"500ms,500", "2s,2000", "2 s,2000", "1min,60000", "1m,60000", "1h,3600000", "1.5s,1500", "3 seconds,3000",
        "1 d,86400000"})
    void durationsParseInEveryUnit(String text, long millis) {
        Spec spec = SpecLoader.parse("lock_timeout: " + text + "\ntables: {t: {hash: {modulus: 2}}}", "pgpart.yml");
        assertThat(spec.lockTimeout()).isEqualTo(Duration.ofMillis(millis));
    }

    @ParameterizedTest(name = "start {0} is {1}")
    @CsvSource(delimiter = '|', value = {"2024-01-01|2024-01-01T00:00", "2024-01-01 06:00|2024-01-01T06:00",
        "2024-01-01T06:00:00|2024-01-01T06:00", "'2024-02-29 23:59:59'|2024-02-29T23:59:59"})
    void startTimesParseInEveryForm(String text, String expected) {
        Spec spec = SpecLoader.parse("tables: {t: {interval: 1 day, start: " + text + "}}", "pgpart.yml");
        assertThat(((RangePolicy) spec.tables().get(0).policy()).start())
                .contains(new Start.AtTime(LocalDateTime.parse(expected)));
    }

    @Test
    void aNumericStartIsAKeyValue() {
        Spec spec = SpecLoader.parse("tables: {t: {interval: 1000, start: -5000}}", "pgpart.yml");
        assertThat(((RangePolicy) spec.tables().get(0).policy()).start()).contains(new Start.AtValue(new BigDecimal(-5000)));
    }

    @ParameterizedTest(name = "table key {0} names {1}.{2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "orders|public|orders",
        "Orders|public|orders",
        "Sales.Orders|sales|orders",
        "'\"Sales Dept\".\"Orders;X\"'|Sales Dept|Orders;X",
        "'\"MixedCase\"'|public|MixedCase",
        "'\"we\"\"ird\".\"drop table x; --\"'|we\"ird|drop table x; --",
        "bestellungen_straße|public|bestellungen_straße",
        "'\"日本\".\"注文\"'|日本|注文",
        "'\"select\"'|public|select"})
    void hostileTableNamesParse(String key, String schema, String name) {
        Spec spec = SpecLoader.parse("tables:\n  " + key + ":\n    hash: {modulus: 2}\n", "pgpart.yml");
        assertThat(spec.tables().get(0).table()).isEqualTo(QualifiedName.of(schema, name));
    }

    @Test
    void yaml11TrapsStayText() {
        String yaml = """
                tables:
                  t:
                    list: {no: [NO], on: [on, off], yes: [y, Yes], d: [2024-01-01], n: [null, 'null'], t: ['~', ''], num: [012, 0x1F]}
                """;
        ListPolicy list = (ListPolicy) SpecLoader.parse(yaml, "pgpart.yml").tables().get(0).policy();
        assertThat(list.partitions()).containsExactly(
                Map.entry("no", List.of(Optional.of("NO"))),
                Map.entry("on", List.of(Optional.of("on"), Optional.of("off"))),
                Map.entry("yes", List.of(Optional.of("y"), Optional.of("Yes"))),
                Map.entry("d", List.of(Optional.of("2024-01-01"))),
                Map.entry("n", List.of(Optional.empty(), Optional.of("null"))),
                Map.entry("t", List.of(Optional.of("~"), Optional.of(""))),
                Map.entry("num", List.of(Optional.of("012"), Optional.of("0x1F"))));
    }

    @Test
    void aSingleListValueNeedsNoBrackets() {
        ListPolicy list = (ListPolicy) SpecLoader.parse("tables: {t: {list: {eu: EU, none: ~}}}", "x").tables().get(0).policy();
        assertThat(list.partitions()).containsExactly(Map.entry("eu", List.of(Optional.of("EU"))),
                Map.entry("none", List.of(Optional.empty())));
    }

    @Test
    void subpartitionByListKeepsQuotedColumnCase() {
        Spec spec = SpecLoader.parse("tables: {t: {interval: 1 day, subpartition: {key: '\"Region\"', list: {eu: [EU]}}}}", "x");
        assertThat(spec.tables().get(0).subpartition()).contains(new SubPartition("Region",
                new ListPolicy(Map.of("eu", List.of(Optional.of("EU"))))));
    }

    @Test
    void timeZonesOtherThanUtcAreKept() throws IOException {
        Spec spec = SpecLoader.parse("tables: {t: {interval: 1 day, time_zone: America/New_York}}", "x");
        assertThat(((RangePolicy) spec.tables().get(0).policy()).timeZone()).isEqualTo(ZoneId.of("America/New_York"));
    }
}
