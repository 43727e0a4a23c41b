package dev.pgpart.spec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpart.spec.Interval.Unit;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NameFormatTest {

    @ParameterizedTest(name = "{1} names {0} partitions uniquely")
    @CsvSource({
            "YEAR, yyyy", "YEAR, uuuu", "MONTH, yyyy_MM", "MONTH, 'y'yyyy'm'MM", "QUARTER, yyyyMM", "MONTH, yyyyMMM",
            "WEEK, yyyyMMdd", "DAY, yyyyMMdd", "DAY, uuuuDDD", "DAY, yyyy_LL_dd", "HOUR, yyyyMMdd_HH", "HOUR, yyyyDDDkk"})
    void aPatternWithTheYearAndTheFieldsTheIntervalNeedsIsAccepted(Unit unit, String pattern) {
        assertThat(NameFormat.patternProblem(pattern, unit)).isEmpty();
    }

    @ParameterizedTest(name = "{1} is refused for {0} partitions: {2}")
    @CsvSource({
            "WEEK, YYYYMMdd, 'uses Y, the week-based year (2027-12-27 is in week-year 2028)'",
            "MONTH, MM, has no year", "DAY, MMdd, has no year", "MONTH, yyMM, has a two-digit year",
            "MONTH, 'yyyy''MM''', has no month", "QUARTER, yyyyQ, has no month", "DAY, yyyyMM, has no day of the month",
            "WEEK, yyyyww, has no month and day", "HOUR, yyyyMMdd, has no 24-hour clock hour",
            "HOUR, yyyyMMddhh, has no 24-hour clock hour", "HOUR, yyyyHH, has no month and day"})
    void aPatternThatWouldCollideOrMisleadIsRefused(Unit unit, String pattern, String problem) {
        assertThat(NameFormat.patternProblem(pattern, unit)).contains(problem);
    }

    @Test
    void theWeekBasedYearReallyNamesTheLastDaysOfDecemberAfterTheNextYear() {
        // why Y is refused: the DBA's t_20281227 for 2027-12-27
        assertThat(DateTimeFormatter.ofPattern("YYYYMMdd", Locale.ROOT).format(LocalDate.of(2027, 12, 27))).isEqualTo("20281227");
    }
}
