package dev.pgpart.plan;

import dev.pgpart.api.Bound;
import dev.pgpart.sql.QualifiedName;
import java.util.Optional;

/**
 * Create a child detached from the parent ({@code CREATE TABLE ... (LIKE parent)}), then
 * {@code ATTACH} it, so the parent never takes an ACCESS EXCLUSIVE lock.
 *
 * @param bound            RANGE, IN or HASH bound of the new child
 * @param defaultExists    a DEFAULT partition exists now: rows of the new range are moved out of it
 *                         in the same transaction, before the ATTACH
 * @param rowsFromDefault  rows the planner expects to move out of the default (none, an exact count, or an
 *                         unknown part); the executor moves whatever matches and reports the real count
 * @param subpartitions    partition the new child itself, with the leaves the planner named
 */
public record CreatePartition(
        QualifiedName parent,
        QualifiedName partition,
        Bound bound,
        boolean defaultExists,
        DefaultRows rowsFromDefault,
        Optional<SubPartitions> subpartitions) implements Action {

    @Override
    public String describe() {
        String move = defaultExists ? (rowsFromDefault.mayMove() ? " (moving rows from the default partition)" : "") : "";
        return "create " + partition + " " + BoundText.of(bound) + move;
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.create(this);
    }
}
