package dev.pgpart.spec;

import dev.pgpart.sql.QualifiedName;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the user wants: the validated contents of pgpart.yml (or the Java builder).
 *
 * @param archives where each table with {@code on_expiry: archive} (or an {@code archive:} block) archives to,
 *                 its own block merged over the top-level one
 */
public record Spec(Duration lockTimeout, List<TableSpec> tables, Operations operations,
                   Map<QualifiedName, ArchiveSpec> archives) {
    public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofSeconds(2);

    public Spec {
        tables = List.copyOf(tables);
        archives = Map.copyOf(archives);
    }

    public Spec(Duration lockTimeout, List<TableSpec> tables, Operations operations) {
        this(lockTimeout, tables, operations, Map.of());
    }

    /** Where {@code table}'s expired partitions are archived, when it has an archive location. */
    public Optional<ArchiveSpec> archive(QualifiedName table) {
        return Optional.ofNullable(archives.get(table));
    }

    /** The same spec with these archive settings. */
    public Spec withArchives(Map<QualifiedName, ArchiveSpec> others) {
        return new Spec(lockTimeout, tables, operations, others);
    }

    public Spec(Duration lockTimeout, List<TableSpec> tables) {
        this(lockTimeout, tables, Operations.DEFAULTS);
    }

    /** The same settings for other tables (a subset, for a run that skips some). */
    public Spec withTables(List<TableSpec> others) {
        return new Spec(lockTimeout, others, operations, archives);
    }

    public Optional<TableSpec> table(QualifiedName name) {
        return tables.stream().filter(t -> t.table().equals(name)).findFirst();
    }

    /** The same spec restricted to one table (for {@code --table}). */
    public Spec only(QualifiedName name) {
        return withTables(tables.stream().filter(t -> t.table().equals(name)).toList());
    }
}
