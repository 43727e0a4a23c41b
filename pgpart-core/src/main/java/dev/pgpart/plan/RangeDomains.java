package dev.pgpart.plan;

import dev.pgpart.catalog.KeyColumn;
import dev.pgpart.catalog.KeyType;
import dev.pgpart.spec.IdEncoding;
import dev.pgpart.spec.Interval;
import dev.pgpart.spec.RangePolicy;
import java.util.Optional;

/** Picks the {@link RangeDomain} for a policy and a key column, or says why none fits. */
public final class RangeDomains {
    private RangeDomains() {
    }

    /** Either a domain or the reason (with observed and expected values) there is none. */
    public record Choice(Optional<RangeDomain> domain, String problem) {
        static Choice of(RangeDomain d) {
            return new Choice(Optional.of(d), "");
        }

        static Choice no(String problem) {
            return new Choice(Optional.empty(), problem);
        }
    }

    public static Choice resolve(RangePolicy policy, KeyColumn key) {
        KeyType type = key.type();
        IdEncoding enc = policy.idEncoding();
        String observed = "key column " + key.name() + " is " + key.typeName();
        if (policy.interval() instanceof Interval.Calendar cal) {
            if (type.isTime() && enc instanceof IdEncoding.None) {
                if (type == KeyType.DATE && cal.unit() == Interval.Unit.HOUR) {
                    return Choice.no(observed + " but the interval is " + cal
                            + ": a date key cannot be split by hours; use a day or longer interval");
                }
                return Choice.of(new CalendarDomain(cal, policy.timeZone(), type, enc));
            }
            if (type == KeyType.UUID && enc instanceof IdEncoding.UuidV7) {
                return Choice.of(new CalendarDomain(cal, policy.timeZone(), type, enc));
            }
            if (type == KeyType.INTEGER && enc instanceof IdEncoding.Snowflake) {
                return Choice.of(new CalendarDomain(cal, policy.timeZone(), type, enc));
            }
            return Choice.no(observed + " with id encoding " + encodingName(enc) + ", but the interval is " + cal
                    + ": calendar intervals need a date/timestamp key, a uuid key with uuidv7 encoding"
                    + " or an integer key with snowflake encoding");
        }
        Interval.Numeric num = (Interval.Numeric) policy.interval();
        if (!type.isNumber() || !(enc instanceof IdEncoding.None)) {
            return Choice.no(observed + " with id encoding " + encodingName(enc) + ", but the interval is the number "
                    + num + ": numeric intervals need an integer or numeric key without id encoding");
        }
        if (type == KeyType.INTEGER && num.step().stripTrailingZeros().scale() > 0) {
            return Choice.no(observed + " but the interval " + num + " is not a whole number; use an integer step");
        }
        return Choice.of(new NumericDomain(type, num.step()));
    }

    private static String encodingName(IdEncoding e) {
        if (e instanceof IdEncoding.UuidV7) {
            return "uuidv7";
        }
        if (e instanceof IdEncoding.Snowflake) {
            return "snowflake";
        }
        return "none";
    }
}
