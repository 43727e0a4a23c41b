package dev.pgpart.convert;

import dev.pgpart.internal.catalog.TableInfo;
import dev.pgpart.sql.QualifiedName;
import java.util.List;
import java.util.Optional;

/**
 * The table to convert as one catalog snapshot has it: everything preflight looks at and the
 * swap carries over. Definitions ({@code indexDef}, {@code triggerDef}, {@code viewDef}) are
 * printed by PostgreSQL with {@code search_path} empty, so every name in them is schema-qualified.
 *
 * @param info what {@code CatalogReader} reads for any table: owner, grants, RLS, policies, statistics targets
 * @param key  the key column, when the table has it
 * @param keys what the rows hold in the key column
 */
public record Source(QualifiedName table, TableInfo info, long estimatedRows, long tableBytes, long indexBytes,
                     Optional<String> comment, boolean inheritance, List<Col> columns, List<Con> constraints,
                     List<Idx> indexes, List<IncomingFk> incomingFks, List<Dependent> dependents, List<Trig> triggers,
                     List<String> publications, List<String> statistics, Optional<Col> key, KeyStats keys,
                     String currentUser, int serverVersionNum) {
    public Source {
        columns = List.copyOf(columns);
        constraints = List.copyOf(constraints);
        indexes = List.copyOf(indexes);
        incomingFks = List.copyOf(incomingFks);
        dependents = List.copyOf(dependents);
        triggers = List.copyOf(triggers);
        publications = List.copyOf(publications);
        statistics = List.copyOf(statistics);
    }

    /** A column; {@code identity} is {@code a}(lways) or {@code d}(efault); {@code sequence} the one it owns (identity or serial). */
    public record Col(String name, String type, boolean notNull, Optional<Character> identity, boolean generated,
                      Optional<Seq> sequence) {
    }

    /**
     * A sequence; {@code next} is the value {@code nextval} hands out next; {@code grants} the privileges
     * of roles other than its owner (an identity sequence is re-created when its column moves, and
     * PostgreSQL does not carry them).
     */
    public record Seq(QualifiedName name, long increment, long min, long max, long cache, boolean cycle, long next,
                      List<SeqGrant> grants) {
        public Seq {
            grants = List.copyOf(grants);
        }
    }

    /** A privilege on a sequence: {@code grantee} a role name or {@code public}; {@code privilege} USAGE, SELECT or UPDATE. */
    public record SeqGrant(String grantee, String privilege, boolean grantable) {
    }

    /** A constraint on the table: {@code type} is pg_constraint.contype (p, u, c, f, x, n, t). */
    public record Con(String name, char type, List<String> columns, String definition, boolean validated) {
        public Con {
            columns = List.copyOf(columns);
        }
    }

    /**
     * An index; {@code constraint} names the constraint it backs (PK, UNIQUE, EXCLUDE), if any;
     * {@code using} is {@code indexDef} after {@code USING} (method, columns, opclasses, INCLUDE, WITH,
     * WHERE), to build the same index on another table.
     */
    public record Idx(String name, boolean unique, List<String> columns, boolean expression, String indexDef,
                      Optional<String> constraint, boolean valid, String using) {
        public Idx {
            columns = List.copyOf(columns);
        }
    }

    /**
     * A foreign key of another table referencing this one; {@code hasKeyColumn}: that table has a column
     * named like the key; {@code definition} as {@code pg_get_constraintdef} prints it (schema-qualified);
     * {@code matchFull}, {@code deferrable}, {@code initiallyDeferred}: kept when it is re-created.
     */
    public record IncomingFk(String name, QualifiedName from, List<String> fromColumns, List<String> toColumns,
                             char onDelete, char onUpdate, boolean hasKeyColumn, String definition, boolean matchFull,
                             boolean deferrable, boolean initiallyDeferred) {
        public IncomingFk {
            fromColumns = List.copyOf(fromColumns);
            toColumns = List.copyOf(toColumns);
        }
    }

    /** A view or materialized view reading the table; {@code definition} its SELECT. */
    public record Dependent(QualifiedName name, boolean materialized, String definition) {
    }

    /** A user trigger (not one of PostgreSQL's own FK triggers). */
    public record Trig(String name, String definition, boolean constraintTrigger, boolean beforeInsertRow) {
    }

    /** NULLs, lowest and highest key, and rows at or above the boundary the plan chose. */
    public record KeyStats(boolean hasNulls, Optional<String> min, Optional<String> max, long atOrAboveBoundary) {
        public static final KeyStats NONE = new KeyStats(false, Optional.empty(), Optional.empty(), 0);
    }

    public Optional<Con> primaryKey() {
        return constraints.stream().filter(c -> c.type() == 'p').findFirst();
    }

    public Optional<Idx> index(String name) {
        return indexes.stream().filter(i -> i.name().equals(name)).findFirst();
    }

    public Optional<Con> constraint(String name) {
        return constraints.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    public Optional<Col> column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst();
    }
}
