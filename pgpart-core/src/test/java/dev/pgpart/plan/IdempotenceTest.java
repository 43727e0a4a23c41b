package dev.pgpart.plan;

import static dev.pgpart.plan.Fx.at;
import static dev.pgpart.plan.Fx.every;
import static dev.pgpart.plan.Fx.range;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpart.internal.catalog.Catalog;
import dev.pgpart.internal.catalog.KeyType;
import dev.pgpart.internal.catalog.TableInfo;
import dev.pgpart.spec.HashPolicy;
import dev.pgpart.spec.IdEncoding;
import dev.pgpart.spec.Interval;
import dev.pgpart.spec.Interval.Unit;
import dev.pgpart.spec.Policy;
import dev.pgpart.spec.RangePolicy;
import dev.pgpart.spec.Spec;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class IdempotenceTest {
    private static final ZoneId NY = ZoneId.of("America/New_York");

    static Stream<Arguments> cases() {
        RangePolicy monthly = Fx.keeping(range(every(1, Unit.MONTH), 3), every(6, Unit.MONTH), RangePolicy.OnExpiry.DROP);
        return Stream.of(
                Arguments.of("hourly in New York over spring-forward", Fx.zoned(range(every(1, Unit.HOUR), 6), NY),
                        KeyType.TIMESTAMPTZ, "2024-03-10T05:30:00"),
                Arguments.of("hourly in New York over fall-back", Fx.zoned(range(every(2, Unit.HOUR), 6), NY),
                        KeyType.TIMESTAMPTZ, "2024-11-03T03:30:00"),
                Arguments.of("daily in Kolkata", Fx.zoned(range(every(1, Unit.DAY), 5), ZoneId.of("Asia/Kolkata")),
                        KeyType.TIMESTAMPTZ, "2024-02-27T20:00:00"),
                Arguments.of("three days on timestamp", range(every(3, Unit.DAY), 4), KeyType.TIMESTAMP,
                        "2024-02-27T20:00:00"),
                Arguments.of("two weeks over week 53", range(every(2, Unit.WEEK), 3), KeyType.DATE, "2020-12-20T00:00:00"),
                Arguments.of("monthly with retention", monthly, KeyType.DATE, "2024-01-31T00:00:00"),
                Arguments.of("quarterly", range(every(1, Unit.QUARTER), 2), KeyType.TIMESTAMPTZ, "2024-02-29T00:00:00"),
                Arguments.of("uuidv7 monthly", Fx.encoded(range(every(1, Unit.MONTH), 2), new IdEncoding.UuidV7()),
                        KeyType.UUID, "2024-02-29T00:00:00"),
                Arguments.of("snowflake daily", Fx.encoded(range(every(1, Unit.DAY), 2),
                        new IdEncoding.Snowflake(at("2015-01-01T00:00:00"), 22)), KeyType.INTEGER, "2024-02-29T00:00:00"),
                Arguments.of("numeric", range(new Interval.Numeric(new BigDecimal("250")), 3), KeyType.NUMERIC, ""),
                Arguments.of("hash", new HashPolicy(5), KeyType.INTEGER, "2024-02-29T00:00:00"));
    }

    @ParameterizedTest(name = "{0}: applying the plan and planning again changes nothing")
    @MethodSource("cases")
    void applyingThePlanAndPlanningAgainYieldsNoActions(String why, Policy policy, KeyType type, String now) {
        Instant t = now.isEmpty() ? at("2024-01-01T00:00:00") : at(now);
        Fx.Table b = Fx.table(type);
        if (policy instanceof HashPolicy) {
            b.strategy(TableInfo.Strategy.HASH);
        }
        if (type == KeyType.NUMERIC) {
            b.highest("-1234.5");
        }
        Spec spec = Fx.specOf(Fx.spec(policy));
        Catalog before = Fx.catalog(b.build());
        Plan first = new Planner().plan(spec, before, t);
        assertThat(first.actions()).isNotEmpty();
        Plan second = new Planner().plan(spec, Fx.apply(before, first), t);
        assertThat(second.actions()).isEmpty();
        assertThat(second.findings()).isEmpty();
        assertThat(new Checker().findings(spec, Fx.apply(before, first), t)).isEmpty();
    }
}
