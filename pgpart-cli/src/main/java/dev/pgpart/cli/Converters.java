package dev.pgpart.cli;

import dev.pgpart.PgpartException;
import dev.pgpart.spec.Limits;
import dev.pgpart.sql.QualifiedName;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** picocli converters for the values users type: instants, durations, table names. */
public final class Converters {
    private Converters() {
    }

    /**
     * {@code --at}: a date ({@code 2027-01-01}, midnight UTC) or an instant with an offset
     * ({@code 2027-01-01T10:00:00Z}, {@code 2027-01-01T10:00:00+02:00}). A time without an offset is
     * refused rather than guessed, so the answer never depends on the machine's time zone.
     */
    public static final class AtInstant implements ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            Instant at = parse(value);
            if (at.isBefore(Limits.earliestInstant()) || at.isAfter(Limits.latestInstant())) {
                throw new TypeConversionException("'" + value + "' is outside the times pgpart supports: --at must be from "
                        + Limits.timeRange() + " (UTC)");
            }
            return at;
        }

        private static Instant parse(String value) {
            String v = value.strip();
            try {
                if (v.length() == 10) {
                    return LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant();
                }
                return OffsetDateTime.parse(v).toInstant();
            } catch (DateTimeParseException e) {
                if (v.matches("\\d{4}-\\d{2}-\\d{2}T[0-9:.]+")) {
                    throw new TypeConversionException("'" + value + "' has no time zone offset: write " + v + "Z for UTC, or add one such as +02:00");
                }
                throw new TypeConversionException("'" + value + "' is not a date or an instant: expected 2027-01-01 or 2027-01-01T10:00:00Z");
            }
        }
    }

    /** {@code --lock-wait}: {@code 0}, {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h} or ISO-8601 {@code PT30S}. */
    public static final class Wait implements ITypeConverter<Duration> {
        private static final Pattern SIMPLE = Pattern.compile("(\\d+)\\s*(ms|s|m|min|h)?");

        @Override
        public Duration convert(String value) {
            Duration d = parse(value);
            if (d.compareTo(Limits.MAX_WAIT) > 0) {
                throw new TypeConversionException("'" + value + "' is longer than pgpart supports: --lock-wait must be at most "
                        + Limits.MAX_WAIT.toHours() + "h");
            }
            return d;
        }

        private static Duration parse(String value) {
            String v = value.strip().toLowerCase(Locale.ROOT);
            Matcher m = SIMPLE.matcher(v);
            if (m.matches()) {
                if (m.group(1).length() > 12) {
                    throw new TypeConversionException("'" + value + "' is longer than pgpart supports: --lock-wait must be at most "
                            + Limits.MAX_WAIT.toHours() + "h");
                }
                long n = Long.parseLong(m.group(1));
                String unit = m.group(2) == null ? (n == 0 ? "s" : "") : m.group(2);
                switch (unit) {
                    case "ms": return Duration.ofMillis(n);
                    case "s": return Duration.ofSeconds(n);
                    case "m":
                    case "min": return Duration.ofMinutes(n);
                    case "h": return Duration.ofHours(n);
                    default: throw new TypeConversionException("'" + value + "' needs a unit: e.g. 30s, 500ms, 2m");
                }
            }
            try {
                Duration d = Duration.parse(value.strip().toUpperCase(Locale.ROOT));
                if (d.isNegative()) {
                    throw new TypeConversionException("'" + value + "' is negative");
                }
                return d;
            } catch (DateTimeParseException | ArithmeticException e) {
                throw new TypeConversionException("'" + value + "' is not a duration: expected e.g. 0, 500ms, 30s, 2m, 1h or PT30S");
            }
        }
    }

    /** {@code --table} and partition names: {@code orders}, {@code sales.orders}, {@code "Sales"."Orders"}. */
    public static final class TableName implements ITypeConverter<QualifiedName> {
        @Override
        public QualifiedName convert(String value) {
            try {
                return QualifiedName.parse(value);
            } catch (PgpartException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
