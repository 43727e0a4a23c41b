package dev.pgpart.spec;

import dev.pgpart.spec.ConfigNode.Entry;
import dev.pgpart.spec.ConfigNode.Mapping;
import dev.pgpart.sql.QualifiedName;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Resolves every table's {@code archive:} block against the top-level one, and checks that archiving tables have one. */
final class ArchiveSettings {
    private ArchiveSettings() {
    }

    /** @param entries each table's entry of {@code tables:}, by the name it was read as */
    static Map<QualifiedName, ArchiveSpec> resolve(MapReader top, Map<QualifiedName, Entry> entries,
                                                   Map<QualifiedName, TableSpec> tables, Problems problems) {
        ArchiveReader.Partial defaults = top.get("archive")
                .map(n -> ArchiveReader.read(n, top.path("archive"), problems)).orElse(ArchiveReader.Partial.NONE);
        Map<QualifiedName, ArchiveSpec> out = new LinkedHashMap<>();
        entries.forEach((name, entry) -> {
            ConfigPath path = top.path("tables").child(entry.key().text()).of(Optional.of(name));
            Optional<ConfigNode> own = own(entry);
            ArchiveReader.Partial merged = own.map(n -> ArchiveReader.read(n, path.child("archive"), problems))
                    .orElse(ArchiveReader.Partial.NONE).over(defaults);
            Optional<ArchiveSpec> spec = merged.spec();
            spec.ifPresent(s -> out.put(name, s));
            boolean archives = Optional.ofNullable(tables.get(name)).map(TableSpec::policy)
                    .filter(RangePolicy.class::isInstance).map(p -> ((RangePolicy) p).onExpiry() == RangePolicy.OnExpiry.ARCHIVE)
                    .orElse(false);
            if (archives && spec.isEmpty()) {
                ConfigNode at = own.orElse(entry.key());
                problems.add(at, path.child("on_expiry"), "on_expiry is archive, but no archive location is configured for "
                        + name, "add archive: {location: file:///srv/pgpart-archive} at the top level or under the table"
                        + " (s3://bucket/prefix for S3)");
            }
        });
        return out;
    }

    private static Optional<ConfigNode> own(Entry entry) {
        if (!(entry.value() instanceof Mapping m)) {
            return Optional.empty();
        }
        return m.entries().stream().filter(e -> e.key().text().equals("archive")).map(Entry::value).findFirst();
    }
}
