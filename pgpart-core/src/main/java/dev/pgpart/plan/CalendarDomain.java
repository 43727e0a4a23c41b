package dev.pgpart.plan;

import dev.pgpart.internal.catalog.KeyType;
import dev.pgpart.spec.IdEncoding;
import dev.pgpart.spec.Interval;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;

/**
 * Slots of calendar intervals on a time key (date, timestamp, timestamptz) or a time-sortable id
 * (uuidv7, snowflake). Boundaries are local date-times in {@code zone}, aligned to fixed origins
 * so multi-unit intervals never drift: hours and days count from 1970-01-01 00:00, weeks from
 * Monday 1970-01-05, months from year 0.
 */
public record CalendarDomain(Interval.Calendar interval, ZoneId zone, KeyType keyType, IdEncoding encoding)
        implements RangeDomain {

    private static final LocalDate WEEK_ORIGIN = LocalDate.of(1970, 1, 5);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd", Locale.ROOT);
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss", Locale.ROOT);

    @Override
    public BigDecimal lower(long slot) {
        return ordinalOfBoundary(localLowerOf(slot));
    }

    @Override
    public long approximateSlot(BigDecimal ordinal) {
        LocalDateTime t = toLocal(ordinal);
        long units = switch (interval.unit()) {
            case HOUR -> Math.floorDiv(t.toEpochSecond(ZoneOffset.UTC), 3600L);
            case DAY -> t.toLocalDate().toEpochDay();
            case WEEK -> Math.floorDiv(t.toLocalDate().toEpochDay() - WEEK_ORIGIN.toEpochDay(), 7L);
            case MONTH, QUARTER, YEAR -> t.getYear() * 12L + t.getMonthValue() - 1;
        };
        int width = interval.months() > 0 ? interval.months() : interval.count();
        return Math.floorDiv(units, (long) width);
    }

    @Override
    public String suffix(long slot) {
        return (interval.unit() == Interval.Unit.HOUR ? HOUR : DAY).format(localLowerOf(slot));
    }

    @Override
    public Optional<LocalDateTime> localLower(long slot) {
        return Optional.of(localLowerOf(slot));
    }

    /** The key ordinal of an instant seen in the table's zone (for "now" and retention cutoffs). */
    public BigDecimal ordinalAt(ZonedDateTime time) {
        ZonedDateTime t = time.withZoneSameInstant(zone);
        return switch (keyType) {
            case DATE -> BigDecimal.valueOf(t.toLocalDate().toEpochDay());
            case TIMESTAMP -> BigDecimal.valueOf(micros(t.toLocalDateTime().toInstant(ZoneOffset.UTC)));
            default -> instantOrdinal(t.toInstant());
        };
    }

    public BigDecimal ordinalAt(Instant instant) {
        return ordinalAt(instant.atZone(zone));
    }

    /** The ordinal of a {@code start} wall-clock time; a date key rounds a time of day up to the next day. */
    public BigDecimal ordinalOfStart(LocalDateTime start) {
        if (keyType == KeyType.DATE) {
            long day = start.toLocalDate().toEpochDay();
            return BigDecimal.valueOf(start.toLocalTime().equals(LocalTime.MIDNIGHT) ? day : day + 1);
        }
        return ordinalAt(ZonedDateTime.ofLocal(start, zone, null));
    }

    /** {@code now - retention} with calendar arithmetic in the zone, as an ordinal. */
    public BigDecimal cutoff(Instant now, Interval.Calendar retention) {
        ZonedDateTime t = now.atZone(zone);
        int n = retention.count();
        ZonedDateTime c = switch (retention.unit()) {
            case HOUR -> t.minusHours(n);
            case DAY -> t.minusDays(n);
            case WEEK -> t.minusWeeks(n);
            case MONTH, QUARTER, YEAR -> t.minusMonths(retention.months());
        };
        return ordinalAt(c);
    }

    /** The instant a key ordinal stands for, seen in the table's zone; empty when it is out of java.time's range. */
    public Optional<Instant> instantAt(BigDecimal ordinal) {
        try {
            return Optional.of(switch (keyType) {
                case DATE -> LocalDate.ofEpochDay(ordinal.longValueExact()).atStartOfDay(zone).toInstant();
                case TIMESTAMP -> ZonedDateTime.ofLocal(toLocal(ordinal), zone, null).toInstant();
                default -> instantOf(ordinal);
            });
        } catch (ArithmeticException | java.time.DateTimeException e) {
            return Optional.empty();
        }
    }

    private LocalDateTime localLowerOf(long slot) {
        long n = interval.count();
        return switch (interval.unit()) {
            case HOUR -> LocalDateTime.of(1970, 1, 1, 0, 0).plusHours(Math.multiplyExact(slot, n));
            case DAY -> LocalDate.ofEpochDay(Math.multiplyExact(slot, n)).atStartOfDay();
            case WEEK -> WEEK_ORIGIN.plusWeeks(Math.multiplyExact(slot, n)).atStartOfDay();
            case MONTH, QUARTER, YEAR -> {
                long m = Math.multiplyExact(slot, (long) interval.months());
                yield LocalDate.of(Math.toIntExact(Math.floorDiv(m, 12L)), (int) Math.floorMod(m, 12L) + 1, 1)
                        .atStartOfDay();
            }
        };
    }

    private BigDecimal ordinalOfBoundary(LocalDateTime local) {
        if (keyType == KeyType.DATE) {
            return BigDecimal.valueOf(local.toLocalDate().toEpochDay());
        }
        if (keyType == KeyType.TIMESTAMP) {
            return BigDecimal.valueOf(micros(local.toInstant(ZoneOffset.UTC)));
        }
        // Earlier offset on overlaps; a time inside a spring-forward gap moves to the gap's end,
        // which makes the skipped slot empty rather than leaving a hole.
        Instant i = interval.unit() == Interval.Unit.HOUR
                ? ZonedDateTime.ofLocal(local, zone, null).toInstant()
                : local.toLocalDate().atStartOfDay(zone).toInstant();
        return instantOrdinal(i);
    }

    private BigDecimal instantOrdinal(Instant i) {
        if (encoding instanceof IdEncoding.UuidV7) {
            return new BigDecimal(BigInteger.valueOf(i.toEpochMilli()).shiftLeft(80));
        }
        if (encoding instanceof IdEncoding.Snowflake s) {
            long ms = Math.subtractExact(i.toEpochMilli(), s.epoch().toEpochMilli());
            return new BigDecimal(BigInteger.valueOf(ms).shiftLeft(s.shift()));
        }
        return BigDecimal.valueOf(micros(i));
    }

    private LocalDateTime toLocal(BigDecimal ordinal) {
        if (keyType == KeyType.DATE) {
            return LocalDate.ofEpochDay(ordinal.longValueExact()).atStartOfDay();
        }
        if (keyType == KeyType.TIMESTAMP) {
            return LocalDateTime.ofInstant(ofMicros(ordinal), ZoneOffset.UTC);
        }
        return LocalDateTime.ofInstant(instantOf(ordinal), zone);
    }

    private Instant instantOf(BigDecimal ordinal) {
        BigInteger v = ordinal.toBigInteger();
        if (encoding instanceof IdEncoding.UuidV7) {
            return Instant.ofEpochMilli(v.shiftRight(80).longValueExact());
        }
        if (encoding instanceof IdEncoding.Snowflake s) {
            return Instant.ofEpochMilli(v.shiftRight(s.shift()).longValueExact() + s.epoch().toEpochMilli());
        }
        return ofMicros(ordinal);
    }

    private static Instant ofMicros(BigDecimal ordinal) {
        long m = ordinal.setScale(0, java.math.RoundingMode.FLOOR).longValueExact();
        return Instant.EPOCH.plus(m, ChronoUnit.MICROS);
    }

    private static long micros(Instant i) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, i);
    }
}
