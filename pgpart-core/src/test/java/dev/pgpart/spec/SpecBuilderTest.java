package dev.pgpart.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.pgpart.spec.RangePolicy.OnExpiry;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SpecBuilderTest {

    @Test
    void theBuilderAndTheExampleFileProduceEqualSpecs() throws Exception {
        Spec built = SpecBuilder.create()
                .lockTimeout(Duration.ofSeconds(2))
                .range("public.orders", r -> r.interval("1 month").premake(4).start("2024-01-01").retention("12 months")
                        .onExpiry(OnExpiry.DETACH).defaultPartition(true).timeZone("UTC"))
                .range("public.events", r -> r.interval("1000000").premake(3))
                .range("public.audits", r -> r.interval("1 month").uuidv7().premake(2))
                .list("public.orders_by_region", l -> l.partition("na", "NA").partition("eu", "EU").partition("apac", "AS", "OC")
                        .defaultPartition(true))
                .hash("public.customers", 8)
                .build();
        assertThat(built).isEqualTo(SpecLoader.load(SpecLoaderTest.example())).isEqualTo(SpecLoaderTest.expectedExample());
    }

    @Test
    void everyBuilderOptionMatchesItsYamlKey() {
        Spec built = SpecBuilder.create()
                .range("app.tx", r -> r.interval(new Interval.Calendar(2, Interval.Unit.WEEK)).premake(0).start("2024-01-01 06:00")
                        .retention("1 year").onExpiry(OnExpiry.DROP).timeZone(ZoneId.of("Europe/Paris"))
                        .snowflake(Instant.parse("2015-01-01T00:00:00Z"), 22).subpartitionHash("Customer_Id", 4)
                        .nameFormat("{parent}_{lower:yyyyMMdd}").lockTimeout(Duration.ofMinutes(1)).expireUnmanaged(true))
                .range("app.by_day", r -> r.interval("daily").subpartitionList("region", l -> l.partition("eu", "EU")
                        .partition("none", List.of(Optional.empty()))))
                .hash("app.h", 4, h -> h.nameFormat("{parent}_h{remainder}").lockTimeout(Duration.ofMillis(1500)))
                .build();
        String yaml = """
                tables:
                  app.tx:
                    interval: 2 weeks
                    premake: 0
                    start: 2024-01-01 06:00
                    retention: 1 year
                    on_expiry: drop
                    time_zone: Europe/Paris
                    id_encoding: {snowflake: {epoch: 2015-01-01T00:00:00Z, shift: 22}}
                    subpartition: {key: Customer_Id, hash: {modulus: 4}}
                    name_format: "{parent}_{lower:yyyyMMdd}"
                    lock_timeout: 1min
                    expire_unmanaged: true
                  app.by_day:
                    interval: daily
                    subpartition: {key: region, list: {eu: [EU], none: null}}
                  app.h:
                    hash: {modulus: 4}
                    name_format: "{parent}_h{remainder}"
                    lock_timeout: 1500ms
                """;
        assertThat(built).isEqualTo(SpecLoader.parse(yaml, "pgpart.yml"));
    }

    @Test
    void theBuilderReportsEveryProblemLikeYamlDoesWithoutLineNumbers() {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> SpecBuilder.create()
                .lockTimeout(Duration.ZERO)
                .range("public.orders", r -> r.interval("1 mnth").premake(-1).retention("1000"))
                .list("public.regions", l -> l.partition("eu", "EU").partition("west", "EU"))
                .hash("public.customers", 8, h -> h.defaultPartition(true))
                .hash("orders", 2)
                .build());
        assertThat(e.problems()).extracting(ConfigProblem::where).containsExactly(
                "SpecBuilder lock_timeout",
                "SpecBuilder tables.\"public.orders\".interval",
                "SpecBuilder tables.\"public.orders\".premake",
                "SpecBuilder tables.\"public.regions\".list.west",
                "SpecBuilder tables.\"public.customers\".default_partition",
                "SpecBuilder tables.orders");
        assertThat(e.problems().get(1).fix()).startsWith("did you mean '1 month'?");
    }

    @Test
    void aListTableWithoutPartitionsIsReported() {
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> SpecBuilder.create().list("t", l -> l.defaultPartition(true)).build());
        assertThat(e.problems()).extracting(ConfigProblem::problem).containsExactly("list has no partitions");
    }

    @Test
    void aBuilderWithoutTablesIsReported() {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> SpecBuilder.create().build());
        assertThat(e.problems()).extracting(ConfigProblem::where).containsExactly("SpecBuilder tables");
    }

    @Test
    void laterSettingsReplaceEarlierOnes() {
        Spec spec = SpecBuilder.create().range("t", r -> r.interval("1 day").premake(1).premake(7)).build();
        assertThat(((RangePolicy) spec.tables().get(0).policy()).premake()).isEqualTo(7);
    }

    @Test
    void subMillisecondTimeoutsSurviveTheRoundTrip() {
        Spec spec = SpecBuilder.create().lockTimeout(Duration.ofNanos(1_500_000)).hash("t", 2).build();
        assertThat(spec.lockTimeout()).isEqualTo(Duration.ofNanos(1_500_000));
    }
}
