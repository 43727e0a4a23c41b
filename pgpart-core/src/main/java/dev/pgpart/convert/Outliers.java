package dev.pgpart.convert;

import dev.pgpart.sql.QualifiedName;
import dev.pgpart.sql.Sql;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Rows at or above the boundary, for {@code attach}: the history partition's check is
 * {@code key < boundary}, so before it is added such rows move, in batches, into an inheritance child
 * of the table ({@link Names#above()}); {@code SELECT}, {@code UPDATE} and {@code DELETE} on the table
 * see it. A BEFORE INSERT OR UPDATE trigger routes every write at or above the boundary there, so once
 * the batches are done none is left in the table itself and the check never refuses a write. At the
 * swap the child is un-inherited and its rows are inserted into the new parent, which routes each
 * one to its partition; the child is dropped. The SQL, pure.
 */
public final class Outliers {
    private Outliers() {
    }

    /**
     * Routing needs a table without user triggers (they would fire for rows being moved, and an AFTER
     * INSERT trigger would not for a routed row) and without incoming foreign keys (a moved row is no
     * longer referenceable; ON DELETE CASCADE would delete the referencing rows).
     */
    public static boolean routable(Source s) {
        return s.triggers().isEmpty() && s.incomingFks().isEmpty();
    }

    /** Why rows at or above the boundary block, when the table is not {@link #routable}. */
    static String notRoutable(Source s) {
        return !s.triggers().isEmpty() ? "it has user triggers, which would fire for the rows moved"
                : "it is referenced by foreign keys, which cannot reference a moved row";
    }

    /** The columns a row is copied with: generated ones are computed again. */
    static List<String> copied(Source s) {
        return s.columns().stream().filter(c -> !c.generated()).map(Source.Col::name).toList();
    }

    /** Creates the child, the function and the trigger: one transaction, under lock_timeout. */
    static List<String> install(Source s, Names n, Source.Col key, String boundary) {
        QualifiedName t = s.table();
        String cols = AttachPlanner.idents(copied(s));
        String values = String.join(", ", copied(s).stream().map(c -> "NEW." + Sql.ident(c)).toList());
        // UPDATE of a row at or above the boundary that stays in the table only happens before its batch moved it
        String body = "BEGIN IF NEW." + Sql.ident(key.name()) + " >= " + Sql.literal(boundary) + " THEN INSERT INTO "
                + n.above().sql() + " (" + cols + ") VALUES (" + values + "); IF TG_OP = 'UPDATE' THEN DELETE FROM ONLY "
                + t.sql() + " WHERE ctid = OLD.ctid; END IF; RETURN NULL; END IF; RETURN NEW; END";
        return List.of("CREATE TABLE " + n.above().sql() + " () INHERITS (" + t.sql() + ")",
                "COMMENT ON TABLE " + n.above().sql() + " IS " + Sql.literal(Names.MARKER + " rows of " + t + " at or above "
                        + boundary + " until the swap"),
                // SECURITY DEFINER: the application's roles have no grant on the child, nor always DELETE on the table
                "CREATE FUNCTION " + n.routeFunction().sql() + "() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER"
                        + " SET search_path = pg_catalog, pg_temp AS " + Sql.literal(body),
                "COMMENT ON FUNCTION " + n.routeFunction().sql() + "() IS " + Sql.literal(Names.MARKER + " routing of " + t),
                "CREATE TRIGGER " + Sql.ident(n.routeTrigger()) + " BEFORE INSERT OR UPDATE OF " + Sql.ident(key.name()) + " ON "
                        + t.sql() + " FOR EACH ROW EXECUTE FUNCTION " + n.routeFunction().sql() + "()");
    }

    /** Where the next batch's rows are (a hint: the move re-checks each row), found before the batch's lock is taken. */
    static String nextBatch(Source s, Source.Col key, String boundary, int batchSize) {
        return "SELECT ctid::text FROM ONLY " + s.table().sql() + " WHERE " + Sql.ident(key.name()) + " >= " + Sql.literal(boundary)
                + " LIMIT " + batchSize;
    }

    /**
     * Taken by each batch for its move only. Without it a writer's UPDATE or DELETE that waited for a
     * row the batch moved would find it deleted and skip it, its snapshot not seeing the moved copy:
     * a lost write. A statement waiting for this lock takes its snapshot after it, and sees the copy.
     * Reads go on.
     */
    static String batchLock(Source s) {
        return "LOCK TABLE " + s.table().sql() + " IN EXCLUSIVE MODE";
    }

    /** The move of one batch; {@code ?} is the ctids, {@code tid[]}: a row changed since has another one and waits for the next batch. */
    static String moveBatch(Source s, Names n, Source.Col key, String boundary) {
        QualifiedName t = s.table();
        String cols = AttachPlanner.idents(copied(s));
        return "WITH moved AS (DELETE FROM ONLY " + t.sql() + " WHERE ctid = ANY (?::tid[]) AND " + Sql.ident(key.name()) + " >= "
                + Sql.literal(boundary) + " RETURNING " + cols + ") INSERT INTO " + n.above().sql() + " (" + cols + ") SELECT "
                + cols + " FROM moved";
    }

    /** First in the swap, under its lock: the table stands alone again (a table with children cannot be attached). */
    static List<String> detach(QualifiedName t, Names n) {
        return List.of("DROP TRIGGER " + Sql.ident(n.routeTrigger()) + " ON " + t.sql(),
                "DROP FUNCTION " + n.routeFunction().sql() + "()",
                "ALTER TABLE " + n.above().sql() + " NO INHERIT " + t.sql());
    }

    /** Last in the swap, once the partitions exist: each row goes to its partition through the parent. */
    static List<String> settle(QualifiedName t, Source s, Names n) {
        String cols = AttachPlanner.idents(copied(s));
        return List.of("INSERT INTO " + t.sql() + " (" + cols + ") OVERRIDING SYSTEM VALUE SELECT " + cols + " FROM "
                + n.above().sql(), "DROP TABLE " + n.above().sql());
    }

    /** Undo before the swap: the rows back into the table (its range check is dropped first), the rest dropped. */
    static List<String> undo(Source s, Names n, Optional<String> rangeCheck) {
        QualifiedName t = s.table();
        String cols = AttachPlanner.idents(copied(s));
        List<String> out = new ArrayList<>();
        out.add("LOCK TABLE " + t.sql() + " IN ACCESS EXCLUSIVE MODE");
        rangeCheck.ifPresent(r -> out.add("ALTER TABLE " + t.sql() + " DROP CONSTRAINT " + Sql.ident(r)));
        out.addAll(detach(t, n));
        out.add("INSERT INTO " + t.sql() + " (" + cols + ") OVERRIDING SYSTEM VALUE SELECT " + cols + " FROM " + n.above().sql());
        out.add("DROP TABLE " + n.above().sql());
        return out;
    }
}
