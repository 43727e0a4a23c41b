package dev.pgpart.spec;

import dev.pgpart.internal.catalog.Column;
import dev.pgpart.internal.catalog.KeyColumn;
import dev.pgpart.internal.catalog.KeyType;
import dev.pgpart.internal.catalog.TableInfo;
import dev.pgpart.spec.TableRules.Reason;
import java.util.List;
import java.util.Optional;

/** Whether a RANGE policy can step over the table's key, and whether sub-partition keys exist (see {@link TableRules}). */
final class KeyChecks {
    private KeyChecks() {
    }

    static Optional<Reason> range(RangePolicy policy, TableInfo t) {
        Optional<KeyColumn> key = t.singleKeyColumn();
        if (key.isEmpty()) {
            return mismatch("the RANGE key is (" + TableRules.keyText(t) + "); pgpart needs one plain column",
                    "partition the table BY RANGE on a single column (not an expression)");
        }
        return policy.interval() instanceof Interval.Numeric ? numeric(policy, key.get()) : calendar(policy, key.get());
    }

    private static Optional<Reason> mismatch(String problem, String fix) {
        return Optional.of(new Reason(problem, fix));
    }

    /** Empty when the numeric interval fits the key. */
    private static Optional<Reason> numeric(RangePolicy p, KeyColumn k) {
        if (!k.type().isNumber()) {
            return mismatch("interval " + p.interval() + " is numeric, but key " + keyText(k) + " is not a number",
                    k.type().isTime() || k.type() == KeyType.UUID
                    ? "write a calendar interval such as 1 month" + (k.type() == KeyType.UUID ? " with id_encoding: uuidv7" : "")
                    : "partition on an integer, numeric, date or timestamp column");
        }
        if (!(p.idEncoding() instanceof IdEncoding.None)) {
            return mismatch("id_encoding is set, but interval " + p.interval() + " is numeric",
                    "remove id_encoding, or write a calendar interval such as 1 month");
        }
        boolean fractional = ((Interval.Numeric) p.interval()).step().stripTrailingZeros().scale() > 0;
        if (k.type() == KeyType.INTEGER && fractional) {
            return mismatch("interval " + p.interval() + " has a fraction, but key " + keyText(k) + " is an integer",
                    "write a whole number such as 1000000");
        }
        return Optional.empty();
    }

    /** Empty when the calendar interval fits the key, directly or through id_encoding. */
    private static Optional<Reason> calendar(RangePolicy p, KeyColumn k) {
        String key = keyText(k);
        IdEncoding enc = p.idEncoding();
        if (k.type().isTime()) {
            if (!(enc instanceof IdEncoding.None)) {
                return mismatch("id_encoding is set, but key " + key + " is already a time", "remove id_encoding");
            }
            Interval.Calendar c = (Interval.Calendar) p.interval();
            return c.unit() == Interval.Unit.HOUR && k.type() == KeyType.DATE
                    ? mismatch("interval " + c + " is hourly, but key " + key + " has no time of day", "write interval: 1 day or longer")
                    : Optional.empty();
        }
        if (k.type() == KeyType.UUID) {
            return enc instanceof IdEncoding.UuidV7 ? Optional.empty()
                    : mismatch("interval " + p.interval() + " needs time in the key, but key " + key + " is a uuid without id_encoding: uuidv7",
                    "add id_encoding: uuidv7 if the ids are UUID version 7 (time-ordered); otherwise partition by a timestamp column");
        }
        if (k.type() == KeyType.INTEGER) {
            return enc instanceof IdEncoding.Snowflake ? Optional.empty()
                    : mismatch("interval " + p.interval() + " is a calendar interval, but key " + key + " is an integer"
                    + (enc instanceof IdEncoding.UuidV7 ? " (id_encoding: uuidv7 needs a uuid key)" : ""),
                    "write a numeric interval such as 1000000, or id_encoding: {snowflake: {epoch: ..., shift: 22}} for snowflake ids");
        }
        return mismatch("interval " + p.interval() + " needs a date, timestamp, timestamptz, uuid (v7) or bigint (snowflake) key, but key "
                + key + " is not one", "partition on a date or timestamp column");
    }

    static Optional<Reason> subpartitionKey(SubPartition sub, TableInfo t) {
        List<String> names = t.columns().stream().map(Column::name).toList();
        if (names.contains(sub.column())) {
            return Optional.empty();
        }
        Optional<String> sameIgnoringCase = names.stream().filter(n -> n.equalsIgnoreCase(sub.column())).findFirst();
        String hint = sameIgnoringCase.map(n -> "did you mean '" + dev.pgpart.sql.Sql.ident(n) + "' (quoted, it has capitals)? ")
                .orElse(Suggest.didYouMean(sub.column(), names));
        return mismatch("subpartition key '" + sub.column() + "' is not a column of " + t.name(),
                hint + "write one of: " + String.join(", ", names));
    }

    static String keyText(KeyColumn k) {
        return k.expression().map(e -> "(" + e + ")").orElse(k.name()) + " " + k.typeName();
    }
}
