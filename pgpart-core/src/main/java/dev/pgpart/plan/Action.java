package dev.pgpart.plan;

import dev.pgpart.sql.QualifiedName;

/**
 * One step of a plan. Actions are values: {@code plan} prints them and {@code maintain} executes
 * exactly them. Each concerns one partition of one parent.
 */
public sealed interface Action permits CreatePartition, CreateDefaultPartition, DetachPartition, DropPartition,
        FinalizeDetach, ArchivePartition {

    QualifiedName parent();

    /** The child this action creates, detaches or drops. */
    QualifiedName partition();

    /** Whether the action removes a partition from the parent (needs {@code --yes}). */
    default boolean requiresConsent() {
        return false;
    }

    /** One line for humans, e.g. {@code create public.orders_p20270101 FOR VALUES FROM (...) TO (...)}. */
    String describe();

    /**
     * The one place code dispatches on the kind of action: a new kind added to this sealed
     * interface must be handled by every visitor, or the build fails.
     */
    <R> R accept(Visitor<R> visitor);

    /** The stable name of the kind, as text and JSON output and the run history show it. */
    default String type() {
        return accept(new Visitor<>() {
            @Override
            public String create(CreatePartition a) {
                return "create";
            }

            @Override
            public String createDefault(CreateDefaultPartition a) {
                return "create-default";
            }

            @Override
            public String detach(DetachPartition a) {
                return "detach";
            }

            @Override
            public String drop(DropPartition a) {
                return "drop";
            }

            @Override
            public String finalizeDetach(FinalizeDetach a) {
                return "finalize-detach";
            }

            @Override
            public String archive(ArchivePartition a) {
                return "archive";
            }
        });
    }

    /** Whether it adds a partition (skipped by {@code --skip-create}) rather than removing or finishing one. */
    default boolean creates() {
        return this instanceof CreatePartition || this instanceof CreateDefaultPartition;
    }

    /** One method per kind of action. */
    interface Visitor<R> {
        R create(CreatePartition a);

        R createDefault(CreateDefaultPartition a);

        R detach(DetachPartition a);

        R drop(DropPartition a);

        R finalizeDetach(FinalizeDetach a);

        R archive(ArchivePartition a);
    }
}
