package dev.pgpart.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgpart.sql.QualifiedName;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.TypeConversionException;

class ConvertersTest {
    @ParameterizedTest
    @CsvSource({
            "2027-01-01, 2027-01-01T00:00:00Z",
            "2027-01-01T10:00:00Z, 2027-01-01T10:00:00Z",
            "2027-01-01T10:00:00+02:00, 2027-01-01T08:00:00Z",
            "2024-02-29T23:59:59.5Z, 2024-02-29T23:59:59.500Z"})
    void atAcceptsDatesAsMidnightUtcAndInstantsWithOffsets(String text, String expected) {
        assertThat(new Converters.AtInstant().convert(text)).isEqualTo(Instant.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"tomorrow", "2027-13-01", "2027-01-01T10:00", "1700000000", "0001-01-01", "1899-12-31T23:59:59Z",
            "9000-01-01T00:00:01Z", "+10000-01-01T00:00:00Z"})
    void atRefusesAnythingAmbiguousOrOutsideTheSupportedTimes(String text) {
        assertThatThrownBy(() -> new Converters.AtInstant().convert(text)).isInstanceOf(TypeConversionException.class);
    }

    @ParameterizedTest
    @CsvSource({"0, PT0S", "500ms, PT0.5S", "30s, PT30S", "2m, PT2M", "2min, PT2M", "1h, PT1H", "PT45S, PT45S", "pt1m, PT1M"})
    void lockWaitReadsShortAndIsoDurations(String text, String expected) {
        assertThat(new Converters.Wait().convert(text)).isEqualTo(Duration.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"30", "soon", "-5s", "PT-5S", "25h", "99999999999h", "9999999999999999999999ms", "P2D",
            "PT9999999999999999H"})
    void lockWaitRefusesNumbersWithoutUnitsNegativesAndMoreThanADay(String text) {
        assertThatThrownBy(() -> new Converters.Wait().convert(text)).isInstanceOf(TypeConversionException.class);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "orders|public|orders",
            "Sales.Orders|sales|orders",
            "\"Sales Dept\".\"Orders;X\"|Sales Dept|Orders;X"})
    void tableNamesFollowSqlRules(String text, String schema, String name) {
        assertThat(new Converters.TableName().convert(text)).isEqualTo(QualifiedName.of(schema, name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a.b.c", "\"open", "two words"})
    void badTableNamesAreUsageErrors(String text) {
        assertThatThrownBy(() -> new Converters.TableName().convert(text)).isInstanceOf(TypeConversionException.class);
    }
}
