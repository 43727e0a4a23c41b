package dev.pgpart.spec;

import dev.pgpart.internal.catalog.KeyColumn;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The values a numeric key column can hold, from its {@code format_type()}: smallint, integer and
 * bigint bounds, and numeric(p,s) precision. A bound outside them fails in PostgreSQL with 22003.
 */
public record KeyLimits(BigDecimal min, BigDecimal max) {
    private static final Pattern NUMERIC = Pattern.compile("numeric\\((\\d+)(?:,\\s*(\\d+))?\\)");

    public static Optional<KeyLimits> of(KeyColumn key) {
        String t = key.typeName().toLowerCase(Locale.ROOT);
        switch (t) {
            case "smallint":
                return Optional.of(of(Short.MIN_VALUE, Short.MAX_VALUE));
            case "integer":
                return Optional.of(of(Integer.MIN_VALUE, Integer.MAX_VALUE));
            case "bigint":
                return Optional.of(of(Long.MIN_VALUE, Long.MAX_VALUE));
            default:
                return numeric(t);
        }
    }

    private static KeyLimits of(long min, long max) {
        return new KeyLimits(BigDecimal.valueOf(min), BigDecimal.valueOf(max));
    }

    /** numeric(p,s) holds values below 10^(p-s) in magnitude; plain numeric is unbounded for our purposes. */
    private static Optional<KeyLimits> numeric(String typeName) {
        Matcher m = NUMERIC.matcher(typeName);
        if (!m.matches()) {
            return Optional.empty();
        }
        int precision = Integer.parseInt(m.group(1));
        int scale = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
        BigDecimal max = BigDecimal.TEN.pow(Math.max(precision - scale, 0)).subtract(BigDecimal.ONE.movePointLeft(scale));
        return Optional.of(new KeyLimits(max.negate(), max));
    }

    public boolean contains(BigDecimal value) {
        return value.compareTo(min) >= 0 && value.compareTo(max) <= 0;
    }

    @Override
    public String toString() {
        return min.toPlainString() + ".." + max.toPlainString();
    }
}
