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
                   List<String> targetKey, List<String> columns) {
    BackfillSql {
        key = List.copyOf(key);
        keyTypes = List.copyOf(keyTypes);
        targetKey = List.copyOf(targetKey);
        columns = List.copyOf(columns);
    }

    /** The greatest primary key now: the backfill's upper bound. */
    String bound() {
        return "SELECT " + asText() + " FROM ONLY " + source.sql() + " ORDER BY " + order(" DESC") + " LIMIT 1";
    }

    /** The least primary key now: where the first slice of a parallel backfill starts. */
    String least() {
        return "SELECT " + asText() + " FROM ONLY " + source.sql() + " ORDER BY " + order("") + " LIMIT 1";
    }

    /** The primary key {@code n} rows above {@code last} (bind: last values if {@code fromStart} is false, bound values, n). */
    String end(boolean fromStart) {
        return "SELECT " + asText() + " FROM ONLY " + source.sql() + " WHERE " + range(fromStart)
                + " ORDER BY " + order("") + " LIMIT 1 OFFSET ?";
    }

    /**
     * Copies the rows with key in {@code (last, end]}, locked FOR SHARE NOWAIT, leaving out those
     * the trigger already wrote (committed ones, seen by the anti-join; an uncommitted one holds
     * its row's lock and NOWAIT fails the batch). A plain INSERT: {@code ON CONFLICT} would pay a
     * speculative insertion per row, about a third of the batch (measured, docs/guide-convert.md).
     * A trigger row committed after the statement's snapshot makes it fail with unique_violation;
     * the batch is then repeated with {@link #copyOnConflict}. Binds last (unless {@code fromStart}),
     * end, then the same again for the anti-join; the update count is the rows inserted.
     */
    String copy(boolean fromStart) {
        String sel = columns.stream().map(c -> "s." + Sql.ident(c)).collect(Collectors.joining(", "));
        String same = targetKey.stream().map(c -> "x." + Sql.ident(c) + " = s." + Sql.ident(c))
                .collect(Collectors.joining(" AND "));
        return insert() + " SELECT " + sel + " FROM ONLY " + source.sql() + " AS s WHERE " + range(fromStart, "s.")
                + " AND NOT EXISTS (SELECT FROM " + target.sql() + " AS x WHERE " + range(fromStart, "x.") + " AND " + same
                + ") FOR SHARE OF s NOWAIT";
    }

    /** {@link #copy} for a batch that met a concurrent trigger row: the same rows, skipping conflicts (binds last, end). */
    String copyOnConflict(boolean fromStart) {
        String cols = columns.stream().map(Sql::ident).collect(Collectors.joining(", "));
        return insert() + " SELECT " + cols + " FROM ONLY " + source.sql() + " WHERE " + range(fromStart, "")
                + " FOR SHARE NOWAIT ON CONFLICT DO NOTHING";
    }

    private String insert() {
        return "INSERT INTO " + target.sql() + " (" + columns.stream().map(Sql::ident).collect(Collectors.joining(", "))
                + ") OVERRIDING SYSTEM VALUE";
    }

    private String range(boolean fromStart) {
        return range(fromStart, "");
    }

    private String range(boolean fromStart, String alias) {
        String upper = tuple(alias) + " <= " + params();
        return fromStart ? upper : tuple(alias) + " > " + params() + " AND " + upper;
    }

    private String tuple(String alias) {
        return "(" + key.stream().map(k -> alias + Sql.ident(k)).collect(Collectors.joining(", ")) + ")";
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
