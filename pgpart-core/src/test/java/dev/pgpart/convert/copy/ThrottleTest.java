package dev.pgpart.convert.copy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpart.sql.QualifiedName;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ThrottleTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void workersShareTheRateSoTwoBatchesStartedTogetherEndTheirBookingsOneAfterTheOther() {
        Throttle t = new Throttle(QualifiedName.of("public", "orders"), OptionalLong.of(1000));
        long t0 = 7 * SECOND;
        assertThat(t.book(500, t0)).isEqualTo(t0 + SECOND / 2);
        assertThat(t.book(500, t0)).isEqualTo(t0 + SECOND);
    }

    @Test
    void aBatchAfterAnIdleStretchIsBookedFromItsOwnStartNotFromTheOldBooking() {
        Throttle t = new Throttle(QualifiedName.of("public", "orders"), OptionalLong.of(1000));
        long t0 = 7 * SECOND;
        t.book(500, t0);
        assertThat(t.book(100, t0 + 5 * SECOND)).isEqualTo(t0 + 5 * SECOND + SECOND / 10);
    }
}
