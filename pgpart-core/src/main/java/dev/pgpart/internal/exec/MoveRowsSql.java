package dev.pgpart.internal.exec;

import dev.pgpart.api.Bound;
import dev.pgpart.internal.catalog.Column;
import dev.pgpart.internal.catalog.KeyColumn;
import dev.pgpart.internal.catalog.MoveHazards;
import dev.pgpart.internal.catalog.TableInfo;
import dev.pgpart.sql.QualifiedName;
import dev.pgpart.sql.Sql;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The statements that move the rows of a new child's bound out of the DEFAULT partition, in the
 * table's transaction so no row is ever in both or neither. The rows go through a temporary table:
 * deleted from the default into it before the ATTACH (which fails while the default still holds a
 * row of the new range), then inserted into the child once it is attached. Inserting into the
 * attached child, not the detached table, is what keeps logical replication whole: a subscriber
 * sees the delete and the insert on the same published table; an insert into a table that is not
 * yet a partition is not published at all, and the subscriber would lose the rows.
 *
 * <p>When something would notice the delete and insert ({@link MoveHazards}: foreign-key actions of
 * referencing tables, user triggers), they are suppressed for these statements only with
 * {@code session_replication_role = replica}, so referencing rows are left as they are (the
 * referenced keys never change). Where that is not possible, nothing is moved: the action fails if
 * the default holds any row of the range.
 */
final class MoveRowsSql {
    /** In pg_temp, so neither a search_path nor a user's table of the same name can get in the way. */
    static final String BUFFER = "pg_temp.pgpart_moving_rows";

    private MoveRowsSql() {
    }

    /** Statements before the ATTACH ({@code before}) and after it ({@code after}). */
    record Move(List<Step> before, List<Step> after) {
    }

    static Move render(QualifiedName defaultPartition, QualifiedName child, Bound bound, TableInfo parent) {
        KeyColumn key = parent.singleKeyColumn().orElseThrow(() -> new IllegalArgumentException(
                "cannot move rows out of the default partition of " + parent.name()
                        + ": its partition key is not a single column"));
        String where = predicate(Sql.ident(key.name()), bound);
        MoveHazards hazards = parent.moveHazards();
        if (!hazards.moveAllowed()) {
            return new Move(List.of(Step.expectNoRows("SELECT EXISTS (SELECT 1 FROM " + defaultPartition.sql() + " WHERE "
                    + where + ")", hazards.refusal(defaultPartition))), List.of());
        }
        // Generated columns cannot be inserted into; the child computes them again.
        String cols = parent.columns().stream().filter(c -> !c.generated()).map(Column::name).map(Sql::ident)
                .collect(Collectors.joining(", "));
        if (cols.isEmpty()) {
            throw new IllegalArgumentException(parent.name() + " has no insertable columns");
        }
        List<Step> before = new ArrayList<>();
        List<Step> after = new ArrayList<>();
        if (!hazards.nothingToSuppress()) {
            before.add(Step.ddl("SET LOCAL session_replication_role = replica"));
        }
        before.add(Step.ddl("CREATE TEMPORARY TABLE " + BUFFER + " ON COMMIT DROP AS WITH moved AS (DELETE FROM "
                + defaultPartition.sql() + " WHERE " + where + " RETURNING " + cols + ") SELECT " + cols + " FROM moved"));
        after.add(new Step(Step.Kind.MOVE_ROWS, "INSERT INTO " + child.sql() + " (" + cols + ") SELECT " + cols
                + " FROM " + BUFFER, List.of()));
        after.add(Step.ddl("DROP TABLE " + BUFFER));
        if (!hazards.nothingToSuppress()) {
            after.add(Step.ddl("SET LOCAL session_replication_role TO DEFAULT"));
        }
        return new Move(before, after);
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
