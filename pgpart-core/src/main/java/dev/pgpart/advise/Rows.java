package dev.pgpart.advise;

import dev.pgpart.sql.QualifiedName;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/** Reading helpers shared by the catalog readers. */
final class Rows {
    /** Schemas that are the system's, never the user's tables. */
    static final String USER_SCHEMA = "%s NOT IN ('pg_catalog', 'information_schema') AND %s NOT LIKE 'pg\\_toast%%'";

    private Rows() {
    }

    static String userSchema(String column) {
        return String.format(USER_SCHEMA, column, column);
    }

    static QualifiedName name(ResultSet rs, int schemaColumn) throws SQLException {
        return QualifiedName.of(rs.getString(schemaColumn), rs.getString(schemaColumn + 1));
    }

    static List<String> strings(ResultSet rs, int column) throws SQLException {
        Array a = rs.getArray(column);
        if (a == null) {
            return List.of();
        }
        return List.of((String[]) a.getArray());
    }
}
