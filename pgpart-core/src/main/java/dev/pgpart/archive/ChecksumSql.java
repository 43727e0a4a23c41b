package dev.pgpart.archive;

import dev.pgpart.sql.QualifiedName;
import dev.pgpart.sql.Sql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Collectors;

/**
 * PostgreSQL's side of {@link RowChecksum}: each row is rebuilt as the CSV record COPY writes
 * (a value is quoted when it is empty, or holds a comma, quote, CR or LF, and a lone {@code \.}
 * in a one-column table; NULL is an empty unquoted field), hashed, and summed in one scan.
 */
final class ChecksumSql {
    private ChecksumSql() {
    }

    static String query(QualifiedName table, List<ColumnDef> columns) {
        List<ColumnDef> cols = columns.stream().filter(ColumnDef::exported).toList();
        boolean single = cols.size() == 1;
        String values = java.util.stream.IntStream.range(0, cols.size())
                .mapToObj(i -> Sql.ident(cols.get(i).name()) + "::text AS v" + i).collect(Collectors.joining(", "));
        String record = java.util.stream.IntStream.range(0, cols.size()).mapToObj(i -> field("v" + i, single))
                .collect(Collectors.joining(" || ',' || "));
        // OFFSET 0 keeps the casts in the subquery, computed once per value instead of once per use
        return "SELECT count(*), coalesce(sum(('x' || left(md5(convert_to(" + record + ", 'UTF8')), 16))::bit(64)::bigint), 0)::text"
                + " FROM (SELECT " + values + " FROM " + table.sql() + " OFFSET 0) s";
    }

    private static String field(String v, boolean single) {
        return "CASE WHEN " + v + " IS NULL THEN '' WHEN " + v + " = ''" + (single ? " OR " + v + " = '\\.'" : "")
                + " OR strpos(" + v + ", ',') > 0 OR strpos(" + v + ", '\"') > 0 OR strpos(" + v + ", chr(10)) > 0"
                + " OR strpos(" + v + ", chr(13)) > 0 THEN '\"' || replace(" + v + ", '\"', '\"\"') || '\"' ELSE " + v + " END";
    }

    static RowChecksum.Value compute(Connection c, QualifiedName table, List<ColumnDef> columns) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query(table, columns))) {
            rs.next();
            return new RowChecksum.Value(rs.getLong(1), rs.getString(2));
        }
    }
}
