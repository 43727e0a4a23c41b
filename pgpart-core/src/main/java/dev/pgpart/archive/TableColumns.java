package dev.pgpart.archive;

import dev.pgpart.sql.QualifiedName;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** The live columns of a table (dropped ones are not), in order, and the CREATE TABLE a manifest carries. */
final class TableColumns {
    private static final String SQL = "SELECT a.attname, format_type(a.atttypid, a.atttypmod), a.atttypmod, a.attnotnull,"
            + " CASE WHEN a.attgenerated <> '' THEN pg_get_expr(d.adbin, d.adrelid) END, nullif(a.attgenerated, '')"
            + " FROM pg_catalog.pg_attribute a"
            + " LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
            + " WHERE a.attrelid = ?::regclass AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum";

    private TableColumns() {
    }

    static List<ColumnDef> read(Connection c, QualifiedName table) throws SQLException {
        List<ColumnDef> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(SQL)) {
            ps.setString(1, table.sql());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new ColumnDef(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getBoolean(4),
                            Optional.ofNullable(rs.getString(5)), Optional.ofNullable(rs.getString(6))));
                }
            }
        }
        return out;
    }

    /** The column list COPY reads and writes: every column that is not generated. */
    static String copyList(List<ColumnDef> columns) {
        return columns.stream().filter(ColumnDef::exported).map(col -> dev.pgpart.sql.Sql.ident(col.name()))
                .collect(Collectors.joining(", "));
    }

    /** The statement for people and tools reading the archive without pgpart (restore renders its own). */
    static String createTable(QualifiedName table, List<ColumnDef> columns) {
        return "CREATE TABLE " + table.sql() + " (" + columns.stream().map(col -> col.definition(col.type()))
                .collect(Collectors.joining(", ")) + ")";
    }
}
