package dev.pgpart.plan;

import dev.pgpart.api.Bound;
import dev.pgpart.sql.QualifiedName;

/**
 * Detach an expired partition, then drop it. Detaching first keeps the parent's lock at
 * SHARE UPDATE EXCLUSIVE (with {@code concurrently}) instead of the ACCESS EXCLUSIVE a plain
 * {@code DROP TABLE} of an attached partition takes.
 */
public record DropPartition(QualifiedName parent, QualifiedName partition, Bound bound, boolean concurrently,
                            String reason) implements Action {
    @Override
    public boolean requiresConsent() {
        return true;
    }

    @Override
    public String describe() {
        return "drop " + partition + " " + BoundText.of(bound) + ": " + reason;
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.drop(this);
    }
}
