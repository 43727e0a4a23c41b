package dev.pgpart.archive;

import dev.pgpart.ErrorCode;
import dev.pgpart.PgpartException;
import dev.pgpart.sql.QualifiedName;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** A table's indexes for the manifest: PostgreSQL's definition, and the part of it that does not name the table. */
final class TableIndexes {
    // pg_get_indexdef writes "CREATE [UNIQUE] INDEX name ON schema.table USING ...", each name as quote_ident does
    private static final String SQL = "SELECT i.relname, x.indisunique, d.def,"
            + " CASE WHEN starts_with(d.def, d.prefix) THEN substr(d.def, length(d.prefix) + 1) END"
            + " FROM pg_catalog.pg_index x JOIN pg_catalog.pg_class i ON i.oid = x.indexrelid"
            + " JOIN pg_catalog.pg_class t ON t.oid = x.indrelid JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace"
            + " CROSS JOIN LATERAL (SELECT pg_get_indexdef(x.indexrelid) AS def, 'CREATE ' || CASE WHEN x.indisunique"
            + "   THEN 'UNIQUE ' ELSE '' END || 'INDEX ' || quote_ident(i.relname) || ' ON ' || quote_ident(n.nspname) || '.'"
            + "   || quote_ident(t.relname) || ' USING ' AS prefix) d"
            + " WHERE x.indrelid = ?::regclass ORDER BY i.relname";

    private TableIndexes() {
    }

    static List<IndexDef> read(Connection c, QualifiedName table) throws SQLException {
        List<IndexDef> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(SQL)) {
            ps.setString(1, table.sql());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (rs.getString(4) == null) {
                        throw new PgpartException(ErrorCode.INTERNAL, "cannot read the definition of index " + rs.getString(1)
                                + " of " + table + " (" + rs.getString(3) + "); nothing was exported. Report this");
                    }
                    out.add(new IndexDef(rs.getString(1), rs.getBoolean(2), rs.getString(3), rs.getString(4)));
                }
            }
        }
        return List.copyOf(out);
    }
}
