package dev.pgpart.guard.jdbc;

import dev.pgpart.sql.QualifiedName;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The partitioned tables of a database and their keys, read in one query, plus the search path
 * that resolves unqualified names in statements. Partitions that are themselves partitioned (the
 * middle of a two-level tree) are not listed: a statement on one of them is a statement on a branch.
 *
 * @param searchPath the schemas {@code current_schemas(false)} returned when the catalog was read
 */
public record KeyCatalog(Map<QualifiedName, KeyedTable> tables, List<String> searchPath) {
    private static final String QUERY = """
            SELECT n.nspname, c.relname, pt.partstrat,
                   ARRAY(SELECT a.attname::text
                         FROM unnest(pt.partattrs::int2[]) WITH ORDINALITY AS k(attnum, ord)
                         LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
                         ORDER BY k.ord) AS key_columns,
                   current_schemas(false)::text[] AS search_path
            FROM pg_partitioned_table pt
            JOIN pg_class c ON c.oid = pt.partrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE NOT c.relispartition AND n.nspname <> ALL (?::text[])""";

    public KeyCatalog {
        tables = Map.copyOf(tables);
        searchPath = List.copyOf(searchPath);
    }

    public static KeyCatalog read(Connection c) throws SQLException {
        Map<QualifiedName, KeyedTable> tables = new HashMap<>();
        List<String> searchPath = List.of();
        try (PreparedStatement ps = c.prepareStatement(QUERY)) {
            ps.setArray(1, c.createArrayOf("text", new Object[] {"pg_catalog", "information_schema"}));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    QualifiedName name = QualifiedName.of(rs.getString(1), rs.getString(2));
                    tables.put(name, new KeyedTable(name, strategy(rs.getString(3)), parts(rs.getArray(4))));
                    searchPath = texts(rs.getArray(5));
                }
            }
        }
        if (tables.isEmpty()) {
            searchPath = currentSchemas(c);
        }
        return new KeyCatalog(tables, searchPath);
    }

    /** The partitioned table a statement names, resolving an unqualified name along the search path. */
    public Optional<KeyedTable> resolve(Optional<String> schema, String name) {
        if (schema.isPresent()) {
            return Optional.ofNullable(tables.get(QualifiedName.of(schema.get(), name)));
        }
        for (String s : searchPath) {
            KeyedTable t = tables.get(QualifiedName.of(s, name));
            if (t != null) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    private static List<Optional<String>> parts(Array array) throws SQLException {
        List<Optional<String>> out = new ArrayList<>();
        for (Object o : (Object[]) array.getArray()) {
            out.add(Optional.ofNullable((String) o)); // no attribute for position 0: an expression
        }
        return out;
    }

    private static List<String> texts(Array array) throws SQLException {
        List<String> out = new ArrayList<>();
        for (Object o : (Object[]) array.getArray()) {
            out.add((String) o);
        }
        return out;
    }

    private static List<String> currentSchemas(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT current_schemas(false)::text[]");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return texts(rs.getArray(1));
        }
    }

    private static String strategy(String partstrat) {
        return switch (partstrat) {
            case "r" -> "range";
            case "l" -> "list";
            case "h" -> "hash";
            default -> throw new IllegalStateException("unknown partition strategy '" + partstrat + "' in pg_partitioned_table");
        };
    }
}
