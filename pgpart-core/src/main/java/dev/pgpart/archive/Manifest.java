package dev.pgpart.archive;

import dev.pgpart.spec.ArchiveSpec.Compression;
import dev.pgpart.sql.QualifiedName;
import java.util.List;

/**
 * What an archive holds (docs/guide-archive.md, "Manifest"), as read back from its JSON.
 *
 * @param bound    the partition's {@code FOR VALUES ...} clause when it was detached
 * @param bytes    compressed bytes of all parts
 * @param rawBytes the CSV's size before compression
 * @param indexes  the partition's indexes (none in manifests written before pgpart archived them)
 * @param json     the manifest as stored
 */
public record Manifest(QualifiedName parent, QualifiedName partition, String bound, List<ColumnDef> columns,
                       String createTable, Compression compression, long rows, long bytes, long rawBytes,
                       List<PartInfo> parts, RowChecksum.Value checksum, RowHash hash, List<IndexDef> indexes,
                       String exportedAt, String json) {
    public static final String FORMAT = "pgpart-archive/1";

    public Manifest {
        columns = List.copyOf(columns);
        parts = List.copyOf(parts);
        indexes = List.copyOf(indexes);
    }

    /** The first difference between what the store's manifest says and what the state schema recorded, if any. */
    public java.util.Optional<String> differenceFrom(Manifest recorded) {
        if (!checksum.equals(recorded.checksum) || hash != recorded.hash) {
            return java.util.Optional.of("the checksum " + checksum + " differs from the recorded " + recorded.checksum);
        }
        if (!parts.equals(recorded.parts)) {
            return java.util.Optional.of("the parts " + parts.stream().map(PartInfo::sha256).toList()
                    + " differ from the recorded " + recorded.parts.stream().map(PartInfo::sha256).toList());
        }
        return java.util.Optional.empty();
    }
}
