package dev.pgpart.internal.catalog;

import dev.pgpart.sql.QualifiedName;
import java.util.ArrayList;
import java.util.List;

/**
 * What would notice rows being moved out of a table's DEFAULT partition. A move deletes them from
 * the default and inserts them into the new partition in one transaction: the rows never leave the
 * table, but PostgreSQL still fires foreign-key actions (ON DELETE CASCADE would delete the
 * referencing rows) and user triggers for the DELETE and the INSERT. Such a move is only safe with
 * those suppressed ({@code session_replication_role = replica}), which needs a role allowed to set it.
 *
 * @param foreignKeys      foreign keys of other tables referencing rows of the default partition
 * @param triggers         user triggers that fire on the move and that replica mode suppresses
 *                         (DELETE triggers of the default, row INSERT triggers the new partition inherits)
 * @param alwaysFiring     triggers and rules that fire even in replica mode (ENABLE ALWAYS / REPLICA, rules)
 * @param publications     publications that publish the default partition as itself
 *                         ({@code publish_via_partition_root = false}): a subscriber would apply the
 *                         delete and skip the insert into a partition it has not subscribed to yet
 * @param roleMaySuppress  the role running pgpart may {@code SET session_replication_role}
 */
public record MoveHazards(List<IncomingKey> foreignKeys, List<Trigger> triggers, List<Trigger> alwaysFiring,
                          List<String> publications, boolean roleMaySuppress) {
    public MoveHazards {
        foreignKeys = List.copyOf(foreignKeys);
        triggers = List.copyOf(triggers);
        alwaysFiring = List.copyOf(alwaysFiring);
        publications = List.copyOf(publications);
    }

    public static final MoveHazards NONE = new MoveHazards(List.of(), List.of(), List.of(), List.of(), false);

    /** A foreign key of {@code referencing} (named by its top-level constraint) with its ON DELETE action. */
    public record IncomingKey(QualifiedName referencing, String constraint, String onDelete) {
        @Override
        public String toString() {
            return "foreign key " + constraint + " of " + referencing + " (ON DELETE " + onDelete + ")";
        }
    }

    /** A trigger (or rule) of {@code table}. */
    public record Trigger(QualifiedName table, String name, String what) {
        @Override
        public String toString() {
            return what + " " + name + " on " + table;
        }
    }

    /** Nothing fires: a plain move is invisible. */
    public boolean none() {
        return foreignKeys.isEmpty() && triggers.isEmpty() && alwaysFiring.isEmpty() && publications.isEmpty();
    }

    /** Nothing fires that replica mode suppresses: the move needs no {@code session_replication_role}. */
    public boolean nothingToSuppress() {
        return foreignKeys.isEmpty() && triggers.isEmpty();
    }

    /** Rows may be moved: nothing notices, or everything that would can be suppressed by this role. */
    public boolean moveAllowed() {
        return alwaysFiring.isEmpty() && publications.isEmpty() && (nothingToSuppress() || roleMaySuppress);
    }

    /** Why rows cannot be moved, and what to do (one sentence without its final stop). */
    public String refusal(QualifiedName defaultPartition) {
        List<String> what = new ArrayList<>();
        foreignKeys.forEach(k -> what.add(k.toString()));
        triggers.forEach(t -> what.add(t.toString()));
        alwaysFiring.forEach(t -> what.add(t + " (fires even with session_replication_role = replica)"));
        publications.forEach(p -> what.add("publication " + p + " (publish_via_partition_root = false: subscribers"
                + " would apply the delete and never see the insert)"));
        List<String> fixes = new ArrayList<>();
        if (!nothingToSuppress() && !roleMaySuppress) {
            fixes.add("run maintain as a role that may SET session_replication_role (a superuser, or on PostgreSQL 15+"
                    + " after GRANT SET ON PARAMETER session_replication_role TO <role>), and pgpart suppresses"
                    + " foreign-key actions and triggers for the move only");
        }
        if (!alwaysFiring.isEmpty()) {
            fixes.add("disable those triggers/rules while the rows are moved (ALTER TABLE ... DISABLE TRIGGER ...)");
        }
        if (!publications.isEmpty()) {
            fixes.add("ALTER PUBLICATION ... SET (publish_via_partition_root = true)");
        }
        fixes.add("move the rows yourself");
        return "moving rows out of " + defaultPartition + " would look like deleting and inserting them again to "
                + String.join(", ", what) + ", so pgpart does not move them; "
                + String.join(", or ", fixes) + ", then run maintain again";
    }
}
