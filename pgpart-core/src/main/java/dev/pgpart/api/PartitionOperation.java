package dev.pgpart.api;

import dev.pgpart.sql.QualifiedName;
import java.util.List;
import java.util.Optional;

/**
 * The SQL of one partition operation, rendered by {@link PartitionDdl} for a migration tool to run.
 *
 * @param parent             the partitioned table
 * @param partition          the partition created or deleted (its name is derived when none was given)
 * @param outsideTransaction a statement PostgreSQL refuses inside a transaction block
 *                           ({@code DETACH ... CONCURRENTLY}): it runs first and alone, in autocommit
 * @param statements         the rest, meant for one transaction; every name and value is quoted
 * @param warnings           what the person running the migration must know (deleting a DEFAULT
 *                           partition, rows of a new bound that cannot be moved out of the default)
 */
public record PartitionOperation(QualifiedName parent, QualifiedName partition, Optional<String> outsideTransaction,
                                 List<String> statements, List<String> warnings) {
    public PartitionOperation {
        statements = List.copyOf(statements);
        warnings = List.copyOf(warnings);
    }

    /** False when a statement must run outside a transaction: the migration must say so to its tool. */
    public boolean transactional() {
        return outsideTransaction.isEmpty();
    }

    /** Every statement in the order it runs. */
    public List<String> allStatements() {
        return outsideTransaction.map(s -> java.util.stream.Stream.concat(java.util.stream.Stream.of(s), statements.stream()).toList())
                .orElse(statements);
    }
}
