package dev.pgpart.archive;

import dev.pgpart.sql.QualifiedName;
import dev.pgpart.sql.Sql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Collectors;

/** PostgreSQL's side of {@link RowChecksum}: one scan (parallel where the server allows) of C functions. */
final class ChecksumSql {
    private ChecksumSql() {
    }

    static String query(QualifiedName table, List<ColumnDef> columns, RowHash hash) {
        String row = columns.stream().filter(ColumnDef::exported).map(c -> "t." + Sql.ident(c.name()))
                .collect(Collectors.joining(", "));
        return "SELECT count(*), coalesce(sum(" + hash.sql("ROW(" + row + ")::text") + "), 0)::text FROM " + table.sql() + " t";
    }

    static RowChecksum.Value compute(Connection c, QualifiedName table, List<ColumnDef> columns, RowHash hash)
            throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query(table, columns, hash))) {
            rs.next();
            return new RowChecksum.Value(rs.getLong(1), rs.getString(2));
        }
    }
}
