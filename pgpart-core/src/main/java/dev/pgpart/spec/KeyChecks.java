package dev.pgpart.spec;

import dev.pgpart.catalog.Column;
import dev.pgpart.catalog.KeyColumn;
import dev.pgpart.catalog.KeyType;
import dev.pgpart.catalog.TableInfo;
import java.util.List;
import java.util.Optional;

/** Whether a RANGE policy can step over the table's key, and whether sub-partition keys exist. */
final class KeyChecks {
    private KeyChecks() {
    }

    static Optional<ConfigProblem> range(RangePolicy policy, TableInfo t, String where) {
        Optional<KeyColumn> key = t.singleKeyColumn();
        if (key.isEmpty()) {
            return Optional.of(new ConfigProblem(where, "the RANGE key is (" + SpecValidator.keyText(t)
                    + "); pgpart needs one plain column", "partition the table BY RANGE on a single column (not an expression)"));
        }
        Optional<Mismatch> m = policy.interval() instanceof Interval.Numeric ? numeric(policy, key.get()) : calendar(policy, key.get());
        return m.map(x -> new ConfigProblem(where, x.problem(), x.fix()));
    }

    private record Mismatch(String problem, String fix) {
    }

    private static Optional<Mismatch> mismatch(String problem, String fix) {
        return Optional.of(new Mismatch(problem, fix));
    }

    /** Empty when the numeric interval fits the key. */
    private static Optional<Mismatch> numeric(RangePolicy p, KeyColumn k) {
        if (!k.type().isNumber()) {
            return mismatch("interval " + p.interval() + " is numeric, but key " + SpecValidator.keyText(k) + " is not a number",
                    k.type().isTime() || k.type() == KeyType.UUID
                    ? "write a calendar interval such as 1 month" + (k.type() == KeyType.UUID ? " with id_encoding: uuidv7" : "")
                    : "partition on an integer, numeric, date or timestamp column");
        }
        boolean fractional = ((Interval.Numeric) p.interval()).step().scale() > 0;
        if (k.type() == KeyType.INTEGER && fractional) {
            return mismatch("interval " + p.interval() + " has a fraction, but key " + SpecValidator.keyText(k) + " is an integer",
                    "write a whole number such as 1000000");
        }
        return Optional.empty();
    }

    /** Empty when the calendar interval fits the key, directly or through id_encoding. */
    private static Optional<Mismatch> calendar(RangePolicy p, KeyColumn k) {
        String key = SpecValidator.keyText(k);
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

    static Optional<ConfigProblem> subpartitionKey(SubPartition sub, TableInfo t, String where) {
        List<String> names = t.columns().stream().map(Column::name).toList();
        if (names.contains(sub.column())) {
            return Optional.empty();
        }
        Optional<String> sameIgnoringCase = names.stream().filter(n -> n.equalsIgnoreCase(sub.column())).findFirst();
        String hint = sameIgnoringCase.map(n -> "did you mean '" + dev.pgpart.sql.Sql.ident(n) + "' (quoted, it has capitals)? ")
                .orElse(Suggest.didYouMean(sub.column(), names));
        return Optional.of(new ConfigProblem(where + ".subpartition.key", "subpartition key '" + sub.column() + "' is not a column of "
                + t.name(), hint + "write one of: " + String.join(", ", names)));
    }
}
