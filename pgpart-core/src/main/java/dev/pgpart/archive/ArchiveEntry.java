package dev.pgpart.archive;

import dev.pgpart.sql.QualifiedName;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One archived (or being archived) partition, as the state schema's {@code archive} table has it.
 *
 * @param location the URI of the partition's directory in the store
 * @param manifest the manifest's JSON once exported
 */
public record ArchiveEntry(long id, QualifiedName parent, QualifiedName partition, String bound, String location,
                           State state, OptionalLong rows, OptionalLong bytes, OptionalLong parts, Optional<String> checksum,
                           Optional<String> manifest, OptionalLong jobId, Instant detachedAt, Optional<Instant> exportedAt,
                           Optional<Instant> verifiedAt, Optional<Instant> droppedAt, Optional<Instant> restoredAt,
                           Instant updatedAt) {
    /** In order: detached (not archived yet), exported, verified (safe to drop), dropped, restored. */
    public enum State {
        DETACHED, EXPORTED, VERIFIED, DROPPED, RESTORED;

        public String sql() {
            return name().toLowerCase(Locale.ROOT);
        }

        static State of(String sql) {
            return valueOf(sql.toUpperCase(Locale.ROOT));
        }
    }
}
