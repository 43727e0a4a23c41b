package dev.pgpart.cli.render;

import dev.pgpart.api.Health;
import dev.pgpart.archive.ArchiveEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The archive families of {@code pgpart metrics}: per table, what sits in the archive store and how long ago the last one went. */
final class ArchiveMetrics {
    private ArchiveMetrics() {
    }

    private record Totals(long partitions, long rows, long bytes, Optional<Instant> last) {
        Totals add(ArchiveEntry e) {
            Optional<Instant> at = e.droppedAt().or(e::verifiedAt).or(e::exportedAt);
            Optional<Instant> newest = at.isEmpty() ? last : last.isEmpty() || at.get().isAfter(last.get()) ? at : last;
            return new Totals(partitions + 1, rows + e.rows().orElse(0), bytes + e.bytes().orElse(0), newest);
        }
    }

    static void write(PromText p, Health h) {
        Map<String, Totals> byTable = new TreeMap<>();
        for (ArchiveEntry e : h.archives()) {
            if (e.state() == ArchiveEntry.State.EXPORTED || e.state() == ArchiveEntry.State.VERIFIED
                    || e.state() == ArchiveEntry.State.DROPPED) {
                byTable.merge(e.parent().toString(), new Totals(0, 0, 0, Optional.empty()).add(e),
                        (a, b) -> new Totals(a.partitions + b.partitions, a.rows + b.rows, a.bytes + b.bytes,
                                newest(a.last, b.last)));
            }
        }
        PromText.Family partitions = p.gauge("pgpart_archived_partitions", "Partitions of the table in the archive store");
        PromText.Family rows = p.gauge("pgpart_archived_rows", "Rows of the table in the archive store");
        PromText.Family bytes = p.gauge("pgpart_archived_bytes", "Compressed bytes of the table in the archive store");
        PromText.Family age = p.gauge("pgpart_last_archive_age_seconds", "Seconds since the table's last archive was exported, verified or dropped");
        byTable.forEach((table, t) -> {
            partitions.sample(t.partitions, "table", table);
            rows.sample(t.rows, "table", table);
            bytes.sample(t.bytes, "table", table);
            t.last.ifPresent(l -> age.sample(PromText.seconds(Duration.between(l, h.at())), "table", table));
        });
    }

    private static Optional<Instant> newest(Optional<Instant> a, Optional<Instant> b) {
        if (a.isEmpty()) {
            return b;
        }
        return b.isPresent() && b.get().isAfter(a.get()) ? b : a;
    }
}
