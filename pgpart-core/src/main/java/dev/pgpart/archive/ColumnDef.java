package dev.pgpart.archive;

import dev.pgpart.sql.Sql;
import java.util.Optional;

/**
 * A column of an archived table as the manifest keeps it.
 *
 * @param type          {@code format_type(atttypid, atttypmod)}, e.g. {@code numeric(12,4)}
 * @param typmod        {@code atttypmod}: restore asks PostgreSQL to render {@code type} again from it
 * @param generated     the expression of a generated column; such columns are not exported (they are recomputed)
 * @param generatedKind {@code s} (stored) or {@code v} (virtual, PostgreSQL 18)
 */
public record ColumnDef(String name, String type, int typmod, boolean notNull, Optional<String> generated,
                        Optional<String> generatedKind) {
    public boolean exported() {
        return generated.isEmpty();
    }

    /** The column's definition in CREATE TABLE, with {@code type} as PostgreSQL rendered it. */
    String definition(String checkedType) {
        StringBuilder s = new StringBuilder(Sql.ident(name)).append(' ').append(checkedType);
        generated.ifPresent(g -> s.append(" GENERATED ALWAYS AS (").append(g).append(")")
                .append(generatedKind.filter("v"::equals).isPresent() ? " VIRTUAL" : " STORED"));
        if (notNull) {
            s.append(" NOT NULL");
        }
        return s.toString();
    }
}
