package dev.pgpart.plan;

import dev.pgpart.api.Bound;
import dev.pgpart.sql.QualifiedName;

/**
 * Detach an expired partition and keep it as a plain table.
 *
 * @param concurrently use {@code DETACH ... CONCURRENTLY} (PostgreSQL 14+, only without a default partition)
 * @param reason       why it expired, e.g. {@code upper bound 2025-01-01 is at or before now - 12 months}
 */
public record DetachPartition(QualifiedName parent, QualifiedName partition, Bound bound, boolean concurrently,
                              String reason) implements Action {
    @Override
    public boolean requiresConsent() {
        return true;
    }

    @Override
    public String describe() {
        return "detach " + partition + " " + BoundText.of(bound) + (concurrently ? " concurrently" : "") + ": " + reason;
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.detach(this);
    }
}
