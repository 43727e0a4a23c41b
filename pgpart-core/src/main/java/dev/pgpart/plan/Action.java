package dev.pgpart.plan;

import dev.pgpart.sql.QualifiedName;

/**
 * One step of a plan. Actions are values: {@code plan} prints them and {@code maintain} executes
 * exactly them. Each concerns one partition of one parent.
 */
public sealed interface Action permits CreatePartition, CreateDefaultPartition, DetachPartition, DropPartition,
        FinalizeDetach {

    QualifiedName parent();

    /** The child this action creates, detaches or drops. */
    QualifiedName partition();

    /** Whether the action removes a partition from the parent (needs {@code --yes}). */
    default boolean requiresConsent() {
        return false;
    }

    /** One line for humans, e.g. {@code create public.orders_p20270101 FOR VALUES FROM (...) TO (...)}. */
    String describe();
}
