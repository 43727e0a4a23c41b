package dev.pgpart.spec;

import java.math.BigDecimal;
import java.util.Locale;

/** A partition width: calendar units for time, a step for numbers. */
public sealed interface Interval permits Interval.Calendar, Interval.Numeric {

    /** {@code count} of {@code unit}, e.g. 3 months. Quarters and years are kept as such for display. */
    record Calendar(int count, Unit unit) implements Interval {
        public Calendar {
            if (count < 1) {
                throw new IllegalArgumentException("interval count must be at least 1, got " + count);
            }
        }

        /** Width in months for MONTH/QUARTER/YEAR, else 0. */
        public int months() {
            return switch (unit) {
                case MONTH -> count;
                case QUARTER -> 3 * count;
                case YEAR -> 12 * count;
                default -> 0;
            };
        }

        @Override
        public String toString() {
            String u = unit.name().toLowerCase(Locale.ROOT);
            return count + " " + (count == 1 ? u : u + "s");
        }
    }

    /** A numeric step such as 1000000, for integer and numeric keys. */
    record Numeric(BigDecimal step) implements Interval {
        public Numeric {
            if (step.signum() <= 0) {
                throw new IllegalArgumentException("numeric interval must be positive, got " + step);
            }
            step = step.stripTrailingZeros();
        }

        @Override
        public String toString() {
            return step.toPlainString();
        }
    }

    enum Unit { HOUR, DAY, WEEK, MONTH, QUARTER, YEAR }
}
