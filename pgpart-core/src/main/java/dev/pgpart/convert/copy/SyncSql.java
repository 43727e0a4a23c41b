package dev.pgpart.convert.copy;

import dev.pgpart.sql.QualifiedName;
import dev.pgpart.sql.Sql;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The mirror trigger: after every row written to {@code source}, the same row in {@code target}.
 * <ul>
 *   <li>UPDATE and DELETE remove the target row found by the OLD values of {@code match} (the
 *       source's primary key, plus the partition key when the target is the partitioned table,
 *       so the delete is pruned to one partition). An UPDATE that changes the partition key thus
 *       removes the row from its old partition and inserts it into the new one.</li>
 *   <li>INSERT and UPDATE then upsert NEW on {@code conflict} (the target's primary key): when a
 *       backfill batch copied the row first, the trigger's version, which is the newer one, wins.</li>
 *   <li>TRUNCATE truncates the target.</li>
 * </ul>
 * The function is SECURITY DEFINER with a fixed search_path, so application roles need no
 * privilege on the helper table, and EXECUTE is revoked from PUBLIC so nobody can attach it to
 * another table. The body is a single-quoted literal, so no identifier can end it.
 */
final class SyncSql {
    private SyncSql() {
    }

    static List<String> install(QualifiedName function, QualifiedName source, QualifiedName target, List<String> columns,
                                List<String> match, List<String> conflict, String marker) {
        String fn = function.sql() + "()";
        return List.of(
                "CREATE OR REPLACE FUNCTION " + fn + " RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER"
                        + " SET search_path = pg_catalog, pg_temp AS " + Sql.literal(body(target, columns, match, conflict)),
                "REVOKE ALL ON FUNCTION " + fn + " FROM PUBLIC",
                "COMMENT ON FUNCTION " + fn + " IS " + Sql.literal(marker),
                "CREATE TRIGGER " + Sql.ident(CopyNames.TRIGGER) + " AFTER INSERT OR UPDATE OR DELETE ON " + source.sql()
                        + " FOR EACH ROW EXECUTE FUNCTION " + fn,
                "CREATE TRIGGER " + Sql.ident(CopyNames.TRUNCATE_TRIGGER) + " AFTER TRUNCATE ON " + source.sql()
                        + " FOR EACH STATEMENT EXECUTE FUNCTION " + fn,
                // also for writes applied by logical replication or with session_replication_role = replica
                "ALTER TABLE " + source.sql() + " ENABLE ALWAYS TRIGGER " + Sql.ident(CopyNames.TRIGGER),
                "ALTER TABLE " + source.sql() + " ENABLE ALWAYS TRIGGER " + Sql.ident(CopyNames.TRUNCATE_TRIGGER));
    }

    static List<String> drop(QualifiedName function, QualifiedName source) {
        return List.of(
                "DROP TRIGGER IF EXISTS " + Sql.ident(CopyNames.TRIGGER) + " ON " + source.sql(),
                "DROP TRIGGER IF EXISTS " + Sql.ident(CopyNames.TRUNCATE_TRIGGER) + " ON " + source.sql(),
                "DROP FUNCTION IF EXISTS " + function.sql() + "()");
    }

    static String body(QualifiedName target, List<String> columns, List<String> match, List<String> conflict) {
        String where = match.stream().map(c -> "t." + Sql.ident(c) + " = OLD." + Sql.ident(c))
                .collect(Collectors.joining(" AND "));
        String cols = columns.stream().map(Sql::ident).collect(Collectors.joining(", "));
        String values = columns.stream().map(c -> "NEW." + Sql.ident(c)).collect(Collectors.joining(", "));
        List<String> rest = columns.stream().filter(c -> !conflict.contains(c)).toList();
        String onConflict = " ON CONFLICT (" + conflict.stream().map(Sql::ident).collect(Collectors.joining(", ")) + ")"
                + (rest.isEmpty() ? " DO NOTHING"
                : " DO UPDATE SET " + rest.stream().map(c -> Sql.ident(c) + " = EXCLUDED." + Sql.ident(c))
                .collect(Collectors.joining(", ")));
        return "#variable_conflict use_column\n"
                + "BEGIN\n"
                + "  IF TG_OP = 'TRUNCATE' THEN\n"
                + "    TRUNCATE " + target.sql() + ";\n"
                + "    RETURN NULL;\n"
                + "  END IF;\n"
                + "  IF TG_OP <> 'INSERT' THEN\n"
                + "    DELETE FROM " + target.sql() + " AS t WHERE " + where + ";\n"
                + "  END IF;\n"
                + "  IF TG_OP <> 'DELETE' THEN\n"
                + "    INSERT INTO " + target.sql() + " AS t (" + cols + ") OVERRIDING SYSTEM VALUE VALUES (" + values + ")"
                + onConflict + ";\n"
                + "  END IF;\n"
                + "  RETURN NULL;\n"
                + "END";
    }
}
