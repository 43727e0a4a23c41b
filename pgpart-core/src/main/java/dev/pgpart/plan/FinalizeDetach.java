package dev.pgpart.plan;

import dev.pgpart.sql.QualifiedName;

/** Complete a {@code DETACH ... CONCURRENTLY} that was interrupted ({@code DETACH ... FINALIZE}). */
public record FinalizeDetach(QualifiedName parent, QualifiedName partition) implements Action {
    @Override
    public String describe() {
        return "finalize the interrupted detach of " + partition;
    }
}
