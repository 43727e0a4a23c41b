package dev.pgpart.convert.copy;

import dev.pgpart.sql.QualifiedName;
import dev.pgpart.sql.Sql;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The backfill's statements over a primary key of any shape: row comparisons such as
 * {@code (a, b) > (CAST(? AS int), CAST(? AS text))} are lexicographic and use the key's btree
 * index, and key values travel as text (cast back with the column's {@code format_type}, catalog
 * text) so bigint, uuid, text, timestamps and composite keys are handled alike.
 */
record BackfillSql(QualifiedName source, QualifiedName target, List<String> key, List<String> keyTypes,
                   List<String> columns) {
    BackfillSql {
        key = List.copyOf(key);
        keyTypes = List.copyOf(keyTypes);
        columns = List.copyOf(columns);
    }

    /** The greatest primary key now: the backfill's upper bound. */
    String bound() {
        return "SELECT " + asText() + " FROM ONLY " + source.sql() + " ORDER BY " + order(" DESC") + " LIMIT 1";
    }

    /** The primary key {@code n} rows above {@code last} (bind: last values if {@code fromStart} is false, bound values, n). */
    String end(boolean fromStart) {
        return "SELECT " + asText() + " FROM ONLY " + source.sql() + " WHERE " + range(fromStart)
                + " ORDER BY " + order("") + " LIMIT 1 OFFSET ?";
    }

    /**
     * Copies the rows with key in {@code (last, end]}, locked FOR SHARE NOWAIT, skipping rows the
     * trigger already wrote; returns (rows read, rows inserted).
     */
    String copy(boolean fromStart) {
        String cols = columns.stream().map(Sql::ident).collect(Collectors.joining(", "));
        return "WITH batch AS MATERIALIZED (SELECT " + cols + " FROM ONLY " + source.sql() + " WHERE " + range(fromStart)
                + " FOR SHARE NOWAIT), ins AS (INSERT INTO " + target.sql() + " (" + cols + ") OVERRIDING SYSTEM VALUE"
                + " SELECT " + cols + " FROM batch ON CONFLICT DO NOTHING RETURNING 1)"
                + " SELECT (SELECT count(*) FROM batch), (SELECT count(*) FROM ins)";
    }

    private String range(boolean fromStart) {
        String upper = tuple() + " <= " + params();
        return fromStart ? upper : tuple() + " > " + params() + " AND " + upper;
    }

    private String tuple() {
        return "(" + key.stream().map(Sql::ident).collect(Collectors.joining(", ")) + ")";
    }

    private String params() {
        // keyTypes are format_type() output read from the catalog, not user input
        return "(" + keyTypes.stream().map(t -> "CAST(? AS " + t + ")").collect(Collectors.joining(", ")) + ")";
    }

    /** Aliased: ORDER BY a name would otherwise sort by the text output column of that name. */
    private String asText() {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < key.size(); i++) {
            out.append(i == 0 ? "" : ", ").append(Sql.ident(key.get(i))).append("::text AS pgpart_k").append(i);
        }
        return out.toString();
    }

    private String order(String direction) {
        return key.stream().map(k -> Sql.ident(k) + direction).collect(Collectors.joining(", "));
    }

}
