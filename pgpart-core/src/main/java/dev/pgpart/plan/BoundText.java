package dev.pgpart.plan;

import dev.pgpart.api.Bound;
import dev.pgpart.sql.Sql;
import java.util.Optional;
import java.util.stream.Collectors;

/** The {@code FOR VALUES ...} clause of a bound, quoted through {@link Sql}; used in DDL and in messages. */
public final class BoundText {
    private BoundText() {
    }

    public static String of(Bound bound) {
        if (bound instanceof Bound.Range r) {
            return "FOR VALUES FROM (" + side(r.from(), "MINVALUE") + ") TO (" + side(r.to(), "MAXVALUE") + ")";
        }
        if (bound instanceof Bound.In in) {
            return "FOR VALUES IN (" + in.values().stream().map(Sql::literalOrNull).collect(Collectors.joining(", ")) + ")";
        }
        if (bound instanceof Bound.Hash h) {
            return "FOR VALUES WITH (MODULUS " + h.modulus() + ", REMAINDER " + h.remainder() + ")";
        }
        if (bound instanceof Bound.Default) {
            return "DEFAULT";
        }
        throw new IllegalArgumentException("cannot render an unparsed bound: " + ((Bound.Unparsed) bound).text());
    }

    private static String side(Optional<String> value, String unbounded) {
        return value.map(Sql::literal).orElse(unbounded);
    }
}
