package dev.pgpart.spec;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The kind rules (start and retention of the interval's kind) hold for every RangePolicy, however it is made. */
class RangePolicyTest {
    private static final Interval MONTHLY = new Interval.Calendar(1, Interval.Unit.MONTH);
    private static final Interval STEP = new Interval.Numeric(BigDecimal.valueOf(1000));

    @Test
    void aNumericStartWithACalendarIntervalCannotBeMade() {
        assertThatThrownBy(() -> new RangePolicy(MONTHLY, 4, Optional.of(new Start.AtValue(BigDecimal.TEN)), Optional.empty(),
                RangePolicy.OnExpiry.DETACH, ZoneOffset.UTC, IdEncoding.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("use a time for calendar intervals");
    }

    @Test
    void aTimeStartWithANumericIntervalCannotBeMade() {
        Start start = new Start.AtTime(LocalDateTime.of(2024, 1, 1, 0, 0));
        assertThatThrownBy(() -> new RangePolicy(STEP, 4, Optional.of(start), Optional.empty(),
                RangePolicy.OnExpiry.DETACH, ZoneOffset.UTC, IdEncoding.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a number for numeric ones");
    }

    @Test
    void aCalendarRetentionWithANumericIntervalCannotBeMade() {
        assertThatThrownBy(() -> new RangePolicy(STEP, 4, Optional.empty(), Optional.of(MONTHLY),
                RangePolicy.OnExpiry.DETACH, ZoneOffset.UTC, IdEncoding.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("same kind of interval");
    }
}
