package dev.pgpart.exec;

import dev.pgpart.catalog.Bound;
import dev.pgpart.catalog.Column;
import dev.pgpart.catalog.KeyColumn;
import dev.pgpart.catalog.TableInfo;
import dev.pgpart.sql.QualifiedName;
import dev.pgpart.sql.Sql;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The statement that moves the rows of a new child's bound out of the DEFAULT partition, in one
 * statement so no row can be in both or neither: {@code WITH moved AS (DELETE ... RETURNING ...)
 * INSERT INTO child ... SELECT ... FROM moved}.
 */
final class MoveRowsSql {
    private MoveRowsSql() {
    }

    static String render(QualifiedName defaultPartition, QualifiedName child, Bound bound, TableInfo parent) {
        KeyColumn key = parent.singleKeyColumn().orElseThrow(() -> new IllegalArgumentException(
                "cannot move rows out of the default partition of " + parent.name()
                        + ": its partition key is not a single column"));
        // Generated columns cannot be inserted into; the child computes them again.
        String cols = parent.columns().stream().filter(c -> !c.generated()).map(Column::name).map(Sql::ident)
                .collect(Collectors.joining(", "));
        if (cols.isEmpty()) {
            throw new IllegalArgumentException(parent.name() + " has no insertable columns");
        }
        return "WITH moved AS (DELETE FROM " + defaultPartition.sql() + " WHERE " + predicate(Sql.ident(key.name()), bound)
                + " RETURNING " + cols + ") INSERT INTO " + child.sql() + " (" + cols + ") SELECT " + cols + " FROM moved";
    }

    static String predicate(String key, Bound bound) {
        if (bound instanceof Bound.Range r) {
            List<String> sides = new ArrayList<>();
            r.from().ifPresent(v -> sides.add(key + " >= " + Sql.literal(v)));
            r.to().ifPresent(v -> sides.add(key + " < " + Sql.literal(v)));
            // MINVALUE..MAXVALUE: every non-NULL key (NULL never fits a range partition).
            return sides.isEmpty() ? key + " IS NOT NULL" : String.join(" AND ", sides);
        }
        if (bound instanceof Bound.In in) {
            return listPredicate(key, in.values());
        }
        throw new IllegalArgumentException("no rows can be moved for a " + bound.getClass().getSimpleName() + " bound");
    }

    private static String listPredicate(String key, List<Optional<String>> values) {
        List<String> present = values.stream().flatMap(Optional::stream).map(Sql::literal).toList();
        boolean hasNull = values.stream().anyMatch(Optional::isEmpty);
        List<String> parts = new ArrayList<>();
        if (!present.isEmpty()) {
            parts.add(key + " IN (" + String.join(", ", present) + ")");
        }
        if (hasNull) {
            parts.add(key + " IS NULL"); // IN (NULL) never matches: NULL needs its own test
        }
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("a LIST bound without values");
        }
        return parts.size() == 1 ? parts.get(0) : "(" + String.join(" OR ", parts) + ")";
    }
}
