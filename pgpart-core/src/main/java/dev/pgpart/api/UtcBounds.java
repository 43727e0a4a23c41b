package dev.pgpart.api;

import dev.pgpart.ErrorCode;
import dev.pgpart.PgpartException;
import dev.pgpart.internal.catalog.KeyType;
import dev.pgpart.internal.catalog.TableInfo;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Writes timestamptz bound values with an explicit offset, so a bound never depends on the
 * TimeZone of the migration tool's session: a value without one means UTC. The session's
 * TimeZone is not changed instead, because the tool records its history in the same transaction
 * ({@code now()} into a timestamp column) and would record it in another zone.
 */
final class UtcBounds {
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern LOCAL = Pattern.compile("\\d{4}-\\d{2}-\\d{2}[ T]\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,6})?)?");
    private static final Pattern OFFSET = Pattern.compile(LOCAL.pattern() + "(Z|[+-]\\d{2}(:?\\d{2})?)");

    private UtcBounds() {
    }

    static Bound of(Bound bound, TableInfo parent) {
        boolean tz = parent.singleKeyColumn().map(k -> k.type() == KeyType.TIMESTAMPTZ).orElse(false);
        if (!tz) {
            return bound;
        }
        if (bound instanceof Bound.Range r) {
            return new Bound.Range(r.from().map(v -> utc(v, parent)), r.to().map(v -> utc(v, parent)));
        }
        if (bound instanceof Bound.In in) {
            List<Optional<String>> values = in.values().stream().map(v -> v.map(x -> utc(x, parent))).toList();
            return new Bound.In(values);
        }
        return bound;
    }

    static String utc(String value, TableInfo parent) {
        String s = value.strip();
        if (s.equals("infinity") || s.equals("-infinity") || OFFSET.matcher(s).matches()) {
            return s;
        }
        if (DATE.matcher(s).matches()) {
            return s + " 00:00:00+00";
        }
        if (LOCAL.matcher(s).matches()) {
            return s.replace('T', ' ') + "+00";
        }
        throw new PgpartException(ErrorCode.CONFIG, "'" + value + "' is not a timestamp pgpart can read for the timestamptz"
                + " key of " + parent.name() + "; nothing was changed: write 2027-01-01, 2027-01-01 06:00:00 (both UTC)"
                + " or 2027-01-01 06:00:00+02");
    }
}
