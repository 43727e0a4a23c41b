package dev.pgpart.convert.copy;

import dev.pgpart.sql.QualifiedName;
import dev.pgpart.sql.Sql;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The statements creating the new partitioned parent. {@code LIKE} copies columns, defaults
 * (including {@code nextval} of serial columns, so both tables draw from the same sequence),
 * CHECK and NOT NULL constraints, generated columns, storage, compression, column comments and
 * extended statistics; identity is not copied (the original keeps generating ids until the swap,
 * which gives the new table its own identity continuing from the original's sequence).
 *
 * <p>The primary key and unique indexes are created on the empty parent, before the backfill: the
 * sync trigger's upsert needs the primary key, and a unique index must hold while rows arrive.
 * Every other index is built after the backfill by {@code copy.indexes} ({@link SecondaryIndexes}):
 * maintaining it row by row during the backfill costs more than one sorted build per partition
 * (measured, docs/guide-convert.md).
 */
final class NewParent {
    private NewParent() {
    }

    static List<String> create(Source s, CopyNames names, String key, String method) {
        QualifiedName parent = names.newParent();
        List<String> out = new ArrayList<>();
        out.add("CREATE TABLE " + parent.sql() + " (LIKE " + s.name().sql() + " INCLUDING DEFAULTS INCLUDING CONSTRAINTS"
                + " INCLUDING GENERATED INCLUDING STORAGE INCLUDING COMPRESSION INCLUDING COMMENTS INCLUDING STATISTICS)"
                + " PARTITION BY " + method + " (" + Sql.ident(key) + ")");
        out.add("COMMENT ON TABLE " + parent.sql() + " IS " + Sql.literal(names.marker("new partitioned table")));
        out.add("ALTER TABLE " + parent.sql() + " ADD CONSTRAINT " + Sql.ident(newIndexName(s.primaryKeyName()))
                + " PRIMARY KEY (" + s.newPrimaryKey(key).stream().map(Sql::ident).collect(Collectors.joining(", ")) + ")");
        for (Source.Index i : s.indexes().stream().filter(Source.Index::unique).toList()) {
            // i.using() is pg_get_indexdef output (method, columns, opclasses, INCLUDE, WITH, WHERE):
            // SQL PostgreSQL printed from its catalog, never user input.
            out.add("CREATE " + (i.unique() ? "UNIQUE " : "") + "INDEX " + Sql.ident(newIndexName(i.name())) + " ON "
                    + parent.sql() + " USING " + i.using());
        }
        for (Source.ForeignKey fk : s.foreignKeys()) {
            out.add("ALTER TABLE " + parent.sql() + " ADD CONSTRAINT " + Sql.ident(fk.name()) + " " + fk.definition());
        }
        return out;
    }

    /** The name an index of the original has on the new table until the swap gives it the original name. */
    static String newIndexName(String original) {
        return CopyNames.suffixed(original, "_pgpart_new");
    }

    /** The name an index of the original has after the swap, until finalize drops it. */
    static String oldIndexName(String original) {
        return CopyNames.suffixed(original, "_pgpart_old");
    }
}
