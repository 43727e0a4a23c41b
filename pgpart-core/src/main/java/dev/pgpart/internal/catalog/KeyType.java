package dev.pgpart.internal.catalog;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.UUID;

/**
 * The kinds of partition key pgpart understands, and the mapping between their literal text and
 * an <em>ordinal</em>: a number that orders exactly as PostgreSQL orders the values, so the planner
 * can compare and step bounds of any key type with one arithmetic.
 * <ul>
 *   <li>DATE: days since 1970-01-01</li>
 *   <li>TIMESTAMP: microseconds since 1970-01-01 00:00 (wall clock, no zone)</li>
 *   <li>TIMESTAMPTZ: microseconds since the Unix epoch</li>
 *   <li>INTEGER, NUMERIC: the value</li>
 *   <li>UUID: the 128 bits as an unsigned number (PostgreSQL compares uuids bytewise)</li>
 * </ul>
 */
public enum KeyType {
    DATE, TIMESTAMP, TIMESTAMPTZ, INTEGER, NUMERIC, UUID, TEXT, OTHER;

    private static final BigDecimal INFINITY = BigDecimal.valueOf(Long.MAX_VALUE);
    private static final DateTimeFormatter TS_IN = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.MICRO_OF_SECOND, 0, 6, true).optionalEnd()
            .toFormatter(Locale.ROOT);
    private static final DateTimeFormatter TSTZ_IN = new DateTimeFormatterBuilder()
            .append(TS_IN)
            .appendPattern("[XXX][X]")
            .toFormatter(Locale.ROOT);
    private static final DateTimeFormatter TS_OUT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    /** Maps {@code format_type()} output to a key type. */
    public static KeyType fromTypeName(String formatType) {
        String t = formatType.toLowerCase(Locale.ROOT);
        if (t.equals("date")) {
            return DATE;
        }
        if (t.startsWith("timestamp") && t.endsWith("with time zone") && !t.endsWith("without time zone")) {
            return TIMESTAMPTZ;
        }
        if (t.startsWith("timestamp")) {
            return TIMESTAMP;
        }
        if (t.equals("smallint") || t.equals("integer") || t.equals("bigint")) {
            return INTEGER;
        }
        if (t.startsWith("numeric")) {
            return NUMERIC;
        }
        if (t.equals("uuid")) {
            return UUID;
        }
        if (t.equals("text") || t.startsWith("character") || t.startsWith("varchar") || t.equals("\"char\"")) {
            return TEXT;
        }
        return OTHER;
    }

    public boolean isTime() {
        return this == DATE || this == TIMESTAMP || this == TIMESTAMPTZ;
    }

    public boolean isNumber() {
        return this == INTEGER || this == NUMERIC;
    }

    /**
     * The ordinal of a literal as PostgreSQL prints it (TimeZone=UTC, DateStyle=ISO). NUMERIC
     * ordinals keep the literal's scale ({@code 2.50}): compare ordinals with {@code compareTo}.
     */
    public BigDecimal toOrdinal(String literal) {
        String s = literal.strip();
        if (s.equals("infinity")) {
            return INFINITY;
        }
        if (s.equals("-infinity")) {
            return INFINITY.negate();
        }
        return switch (this) {
            case DATE -> BigDecimal.valueOf(LocalDate.parse(s).toEpochDay());
            case TIMESTAMP -> BigDecimal.valueOf(micros(LocalDateTime.parse(s, TS_IN).toInstant(ZoneOffset.UTC)));
            case TIMESTAMPTZ -> BigDecimal.valueOf(micros(OffsetDateTime.parse(s, TSTZ_IN).toInstant()));
            case INTEGER, NUMERIC -> new BigDecimal(s);
            case UUID -> new BigDecimal(unsigned(java.util.UUID.fromString(s)));
            case TEXT, OTHER -> throw new IllegalArgumentException("no ordering arithmetic for " + this + " keys");
        };
    }

    /** The literal text for an ordinal, in the same form PostgreSQL prints. */
    public String fromOrdinal(BigDecimal ordinal) {
        return switch (this) {
            case DATE -> LocalDate.ofEpochDay(ordinal.longValueExact()).toString();
            case TIMESTAMP -> timestampText(ordinal.longValueExact());
            case TIMESTAMPTZ -> timestampText(ordinal.longValueExact()) + "+00";
            case INTEGER -> ordinal.toBigIntegerExact().toString();
            case NUMERIC -> ordinal.stripTrailingZeros().toPlainString();
            case UUID -> uuid(ordinal.toBigIntegerExact()).toString();
            case TEXT, OTHER -> throw new IllegalArgumentException("no ordering arithmetic for " + this + " keys");
        };
    }

    private static long micros(java.time.Instant i) {
        return ChronoUnit.MICROS.between(java.time.Instant.EPOCH, i);
    }

    private static String timestampText(long micros) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
                (int) Math.floorMod(micros, 1_000_000L) * 1000, ZoneOffset.UTC);
        String base = TS_OUT.format(t);
        int frac = t.getNano() / 1000;
        if (frac == 0) {
            return base;
        }
        String f = String.format(Locale.ROOT, "%06d", frac).replaceAll("0+$", "");
        return base + "." + f;
    }

    static BigInteger unsigned(java.util.UUID u) {
        BigInteger hi = new BigInteger(Long.toUnsignedString(u.getMostSignificantBits()));
        BigInteger lo = new BigInteger(Long.toUnsignedString(u.getLeastSignificantBits()));
        return hi.shiftLeft(64).or(lo);
    }

    static java.util.UUID uuid(BigInteger value) {
        BigInteger mask = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
        return new java.util.UUID(value.shiftRight(64).and(mask).longValue(), value.and(mask).longValue());
    }
}
