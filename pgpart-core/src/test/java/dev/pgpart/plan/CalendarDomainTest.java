package dev.pgpart.plan;

import static dev.pgpart.plan.Fx.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpart.internal.catalog.KeyType;
import dev.pgpart.spec.IdEncoding;
import dev.pgpart.spec.Interval;
import dev.pgpart.spec.Interval.Unit;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CalendarDomainTest {

    @ParameterizedTest(name = "{1} {2} in {3} on {4}: the slot holding {5} is [{6}, {7}) named {8}")
    @CsvSource(delimiter = '|', textBlock = """
            hour in UTC          | 1 | HOUR    | UTC              | TIMESTAMPTZ | 2024-03-10T05:30:00Z | 2024-03-10 05:00:00+00 | 2024-03-10 06:00:00+00 | 20240310_050000
            two hours align      | 2 | HOUR    | UTC              | TIMESTAMPTZ | 2024-01-01T03:59:59Z | 2024-01-01 02:00:00+00 | 2024-01-01 04:00:00+00 | 20240101_020000
            leap day             | 1 | DAY     | UTC              | DATE        | 2024-02-29T12:00:00Z | 2024-02-29             | 2024-03-01             | 20240229
            three days from 1970 | 3 | DAY     | UTC              | DATE        | 2024-01-01T00:00:00Z | 2023-12-31             | 2024-01-03             | 20231231
            before 1970          | 3 | DAY     | UTC              | DATE        | 1969-12-31T12:00:00Z | 1969-12-29             | 1970-01-01             | 19691229
            ISO week 53 of 2020  | 1 | WEEK    | UTC              | DATE        | 2020-12-31T00:00:00Z | 2020-12-28             | 2021-01-04             | 20201228
            ISO week 53 of 2026  | 1 | WEEK    | UTC              | DATE        | 2026-12-30T00:00:00Z | 2026-12-28             | 2027-01-04             | 20261228
            two weeks            | 2 | WEEK    | UTC              | DATE        | 2024-01-01T00:00:00Z | 2023-12-25             | 2024-01-08             | 20231225
            month end Jan 31     | 1 | MONTH   | UTC              | TIMESTAMP   | 2024-01-31T23:59:59Z | 2024-01-01 00:00:00    | 2024-02-01 00:00:00    | 20240101
            three months         | 3 | MONTH   | UTC              | TIMESTAMPTZ | 2024-05-15T00:00:00Z | 2024-04-01 00:00:00+00 | 2024-07-01 00:00:00+00 | 20240401
            quarter              | 1 | QUARTER | UTC              | DATE        | 2024-06-30T23:00:00Z | 2024-04-01             | 2024-07-01             | 20240401
            year with leap day   | 1 | YEAR    | UTC              | DATE        | 2024-02-29T00:00:00Z | 2024-01-01             | 2025-01-01             | 20240101
            two years            | 2 | YEAR    | UTC              | DATE        | 2025-07-01T00:00:00Z | 2024-01-01             | 2026-01-01             | 20240101
            month in New York    | 1 | MONTH   | America/New_York | TIMESTAMPTZ | 2024-03-01T03:00:00Z | 2024-02-01 05:00:00+00 | 2024-03-01 05:00:00+00 | 20240201
            spring-forward day   | 1 | DAY     | America/New_York | TIMESTAMPTZ | 2024-03-10T12:00:00Z | 2024-03-10 05:00:00+00 | 2024-03-11 04:00:00+00 | 20240310
            fall-back day        | 1 | DAY     | America/New_York | TIMESTAMPTZ | 2024-11-03T12:00:00Z | 2024-11-03 04:00:00+00 | 2024-11-04 05:00:00+00 | 20241103
            hour before the jump | 1 | HOUR    | America/New_York | TIMESTAMPTZ | 2024-03-10T06:30:00Z | 2024-03-10 06:00:00+00 | 2024-03-10 07:00:00+00 | 20240310_010000
            hour after the jump  | 1 | HOUR    | America/New_York | TIMESTAMPTZ | 2024-03-10T07:30:00Z | 2024-03-10 07:00:00+00 | 2024-03-10 08:00:00+00 | 20240310_030000
            repeated hour, EDT   | 1 | HOUR    | America/New_York | TIMESTAMPTZ | 2024-11-03T05:30:00Z | 2024-11-03 05:00:00+00 | 2024-11-03 07:00:00+00 | 20241103_010000
            repeated hour, EST   | 1 | HOUR    | America/New_York | TIMESTAMPTZ | 2024-11-03T06:30:00Z | 2024-11-03 05:00:00+00 | 2024-11-03 07:00:00+00 | 20241103_010000
            Kolkata day          | 1 | DAY     | Asia/Kolkata     | TIMESTAMPTZ | 2024-01-01T00:00:00Z | 2023-12-31 18:30:00+00 | 2024-01-01 18:30:00+00 | 20240101
            Kolkata hour         | 1 | HOUR    | Asia/Kolkata     | TIMESTAMPTZ | 2024-01-01T00:15:00Z | 2023-12-31 23:30:00+00 | 2024-01-01 00:30:00+00 | 20240101_050000
            Kolkata date key     | 1 | DAY     | Asia/Kolkata     | DATE        | 2024-01-01T20:00:00Z | 2024-01-02             | 2024-01-03             | 20240102
            timestamp key local  | 1 | DAY     | America/New_York | TIMESTAMP   | 2024-07-01T03:00:00Z | 2024-06-30 00:00:00    | 2024-07-01 00:00:00    | 20240630
            """)
    void theSlotContainingNowHasAlignedBounds(String why, int count, Unit unit, String zone, KeyType type, String now,
                                              String lower, String upper, String suffix) {
        CalendarDomain d = new CalendarDomain(new Interval.Calendar(count, unit), ZoneId.of(zone), type, IdEncoding.NONE);
        long k = d.slotOf(d.ordinalAt(at(now)));
        assertThat(d.literal(d.lower(k))).isEqualTo(lower);
        assertThat(d.literal(d.upper(k))).isEqualTo(upper);
        assertThat(d.suffix(k)).isEqualTo(suffix);
        assertThat(d.ordinal(lower)).isEqualTo(d.lower(k));
    }

    @ParameterizedTest(name = "the skipped hour {0} local is an empty slot")
    @CsvSource({"2024-03-10T02:00", "2023-03-12T02:00"})
    void theSpringForwardHourIsAnEmptySlot(String local) {
        CalendarDomain d = new CalendarDomain(new Interval.Calendar(1, Unit.HOUR), ZoneId.of("America/New_York"),
                KeyType.TIMESTAMPTZ, IdEncoding.NONE);
        long hours = java.time.LocalDateTime.parse(local).toEpochSecond(ZoneOffset.UTC) / 3600;
        assertThat(d.isEmpty(hours)).isTrue();
        assertThat(d.isEmpty(hours - 1)).isFalse();
        assertThat(d.isEmpty(hours + 1)).isFalse();
    }

    @ParameterizedTest(name = "{0}: the January 2024 slot is [{2}, {3})")
    @CsvSource(delimiter = '|', textBlock = """
            uuidv7 is unix millis in the top 48 bits | UUID    | 018cc251-f400-0000-0000-000000000000 | 018d61f7-1800-0000-0000-000000000000
            snowflake is millis since epoch << 22     | INTEGER | 1191168914227200000                  | 1202402938060800000
            """)
    void encodedIdsCarryTheInstantOfEachBoundary(String why, KeyType type, String lower, String upper) {
        IdEncoding enc = type == KeyType.UUID ? new IdEncoding.UuidV7()
                : new IdEncoding.Snowflake(at("2015-01-01T00:00:00Z"), 22);
        CalendarDomain d = new CalendarDomain(new Interval.Calendar(1, Unit.MONTH), ZoneOffset.UTC, type, enc);
        long k = d.slotOf(d.ordinalAt(at("2024-01-15T10:00:00Z")));
        assertThat(d.literal(d.lower(k))).isEqualTo(lower);
        assertThat(d.literal(d.upper(k))).isEqualTo(upper);
        assertThat(d.suffix(k)).isEqualTo("20240101");
    }
}
