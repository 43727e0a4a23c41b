package dev.pgpart.plan;

import dev.pgpart.api.Bound;
import dev.pgpart.sql.QualifiedName;

/**
 * Archive an expired partition ({@code on_expiry: archive}): a resumable job that detaches it,
 * exports it to the table's archive store, verifies the copy against the table, and only then
 * drops it. It is not a statement: {@code maintain} and {@code archive run} run it as a job.
 *
 * @param concurrently detach with {@code DETACH ... CONCURRENTLY} (PostgreSQL 14+, no default partition)
 * @param reason       why it expired, or which unfinished archive job it resumes
 */
public record ArchivePartition(QualifiedName parent, QualifiedName partition, Bound bound, boolean concurrently,
                               String reason) implements Action {
    @Override
    public boolean requiresConsent() {
        return true;
    }

    @Override
    public String describe() {
        return "archive " + partition + (bound instanceof Bound.Unparsed ? "" : " " + BoundText.of(bound))
                + " (detach, export, verify, drop): " + reason;
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.archive(this);
    }
}
