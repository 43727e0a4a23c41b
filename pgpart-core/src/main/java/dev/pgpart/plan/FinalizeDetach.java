package dev.pgpart.plan;

import dev.pgpart.sql.QualifiedName;

/**
 * Complete a {@code DETACH ... CONCURRENTLY} that was interrupted ({@code DETACH ... FINALIZE}).
 *
 * @param thenDrop the partition was being removed under {@code on_expiry: drop}: once finalized it
 *                 is dropped too (so it needs consent, like any drop), instead of being kept as a
 *                 plain table that retention would never look at again
 */
public record FinalizeDetach(QualifiedName parent, QualifiedName partition, boolean thenDrop) implements Action {
    /** Finalize and keep the detached table. */
    public FinalizeDetach(QualifiedName parent, QualifiedName partition) {
        this(parent, partition, false);
    }

    @Override
    public boolean requiresConsent() {
        return thenDrop;
    }

    @Override
    public String describe() {
        return "finalize the interrupted detach of " + partition + (thenDrop ? ", then drop it" : "");
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.finalizeDetach(this);
    }
}
