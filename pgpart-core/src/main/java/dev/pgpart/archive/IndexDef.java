package dev.pgpart.archive;

import dev.pgpart.sql.QualifiedName;
import dev.pgpart.sql.Sql;

/**
 * One index of an archived partition, as the manifest keeps it to recreate it on restore.
 *
 * @param definition PostgreSQL's {@code pg_get_indexdef}, for a reader of the manifest
 * @param using      what follows {@code ON table USING} in it: the method, keys, INCLUDE, WITH and WHERE
 */
public record IndexDef(String name, boolean unique, String definition, String using) {
    /** The CREATE INDEX for {@code table}; unnamed (PostgreSQL picks a free name) unless {@code keepName}. */
    String create(QualifiedName table, boolean keepName) {
        return "CREATE " + (unique ? "UNIQUE " : "") + "INDEX " + (keepName ? Sql.ident(name) + " " : "") + "ON " + table.sql()
                + " USING " + using;
    }
}
