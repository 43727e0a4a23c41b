package dev.pgpart.internal.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KeyTypeTest {
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            "DATE|2024-02-29",
            "TIMESTAMP|2024-01-01 00:00:00",
            "TIMESTAMP|1969-12-31 23:59:59.5",
            "TIMESTAMPTZ|2024-03-10 07:00:00+00",
            "TIMESTAMPTZ|2024-01-31 18:30:00.000001+00",
            "INTEGER|-5",
            "INTEGER|9223372036854775807",
            "NUMERIC|2.5",
            "UUID|018c0000-0000-7000-8000-000000000000",
            "UUID|ffffffff-ffff-ffff-ffff-ffffffffffff"})
    void literalsRoundTripThroughOrdinals(KeyType type, String literal) {
        assertThat(type.fromOrdinal(type.toOrdinal(literal))).isEqualTo(literal);
    }

    @ParameterizedTest(name = "{0}: {1} < {2}")
    @CsvSource(delimiter = '|', value = {
            "TIMESTAMPTZ|2024-01-01 00:00:00+00|2024-01-01 00:00:00-01",
            "TIMESTAMPTZ|2024-01-01 05:29:00+05:30|2024-01-01 00:00:00+00",
            "UUID|7fffffff-ffff-ffff-ffff-ffffffffffff|80000000-0000-0000-0000-000000000000",
            "NUMERIC|2.50|2.51",
            "DATE|2023-12-31|2024-01-01"})
    void ordinalsOrderAsPostgresOrdersValues(KeyType type, String lower, String higher) {
        assertThat(type.toOrdinal(lower)).isLessThan(type.toOrdinal(higher));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "timestamp with time zone|TIMESTAMPTZ", "timestamp(3) with time zone|TIMESTAMPTZ",
            "timestamp without time zone|TIMESTAMP", "date|DATE", "bigint|INTEGER", "integer|INTEGER",
            "numeric(12,2)|NUMERIC", "uuid|UUID", "text|TEXT", "character varying(10)|TEXT", "inet|OTHER"})
    void mapsFormatTypeNames(String typeName, KeyType expected) {
        assertThat(KeyType.fromTypeName(typeName)).isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void trailingZerosDoNotChangeTheOrdinal() {
        assertThat(KeyType.NUMERIC.toOrdinal("2.50")).isEqualByComparingTo(new BigDecimal("2.5"));
    }
}
