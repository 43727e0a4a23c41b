package dev.pgpart.archive;

import dev.pgpart.plan.Finding;
import dev.pgpart.spec.Operations;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code check} says about archives: a partition detached for archiving whose archive has not
 * finished after {@code job_stuck_after} (its job died or failed: the data sits in a table nobody
 * maintains), and a verified archive whose table is still there after {@code max_maintenance_age}
 * (the drop keeps failing). Pure: it looks at entries already read.
 */
public final class ArchiveFindings {
    private ArchiveFindings() {
    }

    public static List<Finding> of(Operations ops, List<ArchiveEntry> entries, Instant now) {
        List<Finding> out = new ArrayList<>();
        for (ArchiveEntry e : entries) {
            Duration idle = Duration.between(e.updatedAt(), now);
            if ((e.state() == ArchiveEntry.State.DETACHED || e.state() == ArchiveEntry.State.EXPORTED)
                    && idle.compareTo(ops.jobStuckAfter()) > 0) {
                out.add(new Finding(e.parent(), Finding.Kind.ARCHIVE_INCOMPLETE, Finding.Severity.PROBLEM, e.partition()
                        + " was detached for archiving at " + e.detachedAt() + " but is only " + e.state().sql() + " (last"
                        + " progress " + e.updatedAt() + "): its data is in a detached table; run pgpart archive run --yes"
                        + " to finish it (see pgpart check's job findings for why it stopped)"));
            } else if (e.state() == ArchiveEntry.State.VERIFIED) {
                Instant verified = e.verifiedAt().orElse(e.updatedAt());
                if (Duration.between(verified, now).compareTo(ops.maxMaintenanceAge()) > 0) {
                    out.add(new Finding(e.parent(), Finding.Kind.ARCHIVE_NOT_DROPPED, Finding.Severity.PROBLEM, "the archive of "
                            + e.partition() + " was verified at " + verified + " but the table is still there, longer than"
                            + " max_maintenance_age (" + ops.maxMaintenanceAge() + "): run pgpart archive run --yes, and"
                            + " look at its error if the drop fails again"));
                }
            }
        }
        return out;
    }
}
