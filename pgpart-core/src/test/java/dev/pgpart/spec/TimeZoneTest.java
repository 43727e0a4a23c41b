package dev.pgpart.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TimeZoneTest {

    private static ZoneId zoneOf(String yamlValue) {
        Spec spec = SpecLoader.parse("tables:\n  t:\n    interval: 1 day\n    time_zone: '" + yamlValue + "'\n", "pgpart.yml");
        return ((RangePolicy) spec.tables().get(0).policy()).timeZone();
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({"+05:00, +05:00", "-05:00, -05:00", "Etc/GMT+5, Etc/GMT+5", "Europe/Paris, Europe/Paris", "UTC, Z", "GMT, Z"})
    void isoOffsetsAndIanaNamesAreAccepted(String text, String zone) {
        assertThat(zoneOf(text)).isEqualTo(ZoneId.of(zone));
    }

    @Test
    void etcGmtPlusFiveIsFiveHoursWestAsInPostgresql() {
        assertThat(zoneOf("Etc/GMT+5").getRules().getOffset(java.time.Instant.EPOCH)).isEqualTo(ZoneOffset.ofHours(-5));
    }

    @Test
    void aJavaZoneIdGivenToTheBuilderKeepsItsJavaMeaning() {
        Spec spec = SpecBuilder.create().range("t", r -> r.interval("1 day").timeZone(ZoneId.of("GMT+05:00"))).build();
        assertThat(((RangePolicy) spec.tables().get(0).policy()).timeZone()).isEqualTo(ZoneOffset.ofHours(5));
    }
}
