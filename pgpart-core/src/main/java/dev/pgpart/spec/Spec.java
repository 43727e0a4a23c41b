package dev.pgpart.spec;

import dev.pgpart.sql.QualifiedName;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** What the user wants: the validated contents of pgpart.yml (or the Java builder). */
public record Spec(Duration lockTimeout, List<TableSpec> tables, Operations operations) {
    public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofSeconds(2);

    public Spec {
        tables = List.copyOf(tables);
    }

    public Spec(Duration lockTimeout, List<TableSpec> tables) {
        this(lockTimeout, tables, Operations.DEFAULTS);
    }

    /** The same settings for other tables (a subset, for a run that skips some). */
    public Spec withTables(List<TableSpec> others) {
        return new Spec(lockTimeout, others, operations);
    }

    public Optional<TableSpec> table(QualifiedName name) {
        return tables.stream().filter(t -> t.table().equals(name)).findFirst();
    }

    /** The same spec restricted to one table (for {@code --table}). */
    public Spec only(QualifiedName name) {
        return withTables(tables.stream().filter(t -> t.table().equals(name)).toList());
    }
}
