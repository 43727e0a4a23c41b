package dev.pgpart.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpart.api.Bound;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ManualNamesTest {
    @ParameterizedTest(name = "lower bound {0} names the partition orders_p{1}")
    @CsvSource({
            "2027-01-01, 20270101",
            "'2027-01-01 00:00:00+00', 20270101",
            "'2027-01-01 06:30:00+00', 20270101_063000",
            "1000000, 1000000",
            "-5, m5"})
    void aRangePartitionIsNamedFromItsLowerBoundAsMaintainWould(String lower, String suffix) {
        Bound b = new Bound.Range(Optional.of(lower), Optional.of("2099-01-01"));
        assertThat(ManualNames.derive(Fx.ORDERS, Optional.empty(), b, Fx.catalog()))
                .hasValueSatisfying(n -> assertThat(n.name()).isEqualTo("orders_p" + suffix));
    }

    @Test
    void listHashAndDefaultPartitionsAreNamedAsMaintainWould() {
        assertThat(ManualNames.derive(Fx.ORDERS, Optional.empty(), new Bound.In(List.of(Optional.of("AR"), Optional.of("BR"))),
                Fx.catalog())).hasValueSatisfying(n -> assertThat(n.name()).isEqualTo("orders_ar_br"));
        assertThat(ManualNames.derive(Fx.ORDERS, Optional.empty(), new Bound.Hash(8, 3), Fx.catalog()))
                .hasValueSatisfying(n -> assertThat(n.name()).isEqualTo("orders_p3"));
        assertThat(ManualNames.derive(Fx.ORDERS, Optional.empty(), new Bound.Default(), Fx.catalog()))
                .hasValueSatisfying(n -> assertThat(n.name()).isEqualTo("orders_default"));
    }

    @Test
    void anUnboundedLowerBoundGivesNoName() {
        assertThat(ManualNames.derive(Fx.ORDERS, Optional.empty(), new Bound.Range(Optional.empty(), Optional.of("10")),
                Fx.catalog())).isEmpty();
    }
}
