package dev.pgpart.api;

import dev.pgpart.internal.catalog.Catalog;
import dev.pgpart.internal.catalog.Column;
import dev.pgpart.internal.catalog.KeyColumn;
import dev.pgpart.internal.catalog.KeyType;
import dev.pgpart.internal.catalog.TableInfo;
import dev.pgpart.internal.catalog.TableProperties;
import dev.pgpart.internal.exec.DdlRenderer;
import dev.pgpart.internal.exec.RenderedAction;
import dev.pgpart.internal.exec.Step;
import dev.pgpart.plan.Action;
import dev.pgpart.plan.Finding;
import dev.pgpart.plan.Planner;
import dev.pgpart.plan.TablePlan;
import dev.pgpart.spec.Spec;
import dev.pgpart.spec.TableSpec;
import dev.pgpart.sql.Sql;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The statements that create a partitioned table from nothing: {@code CREATE TABLE ... PARTITION BY},
 * its primary key and unique constraints, indexes on the parent, and (if asked) the partitions
 * {@code maintain} would create first, rendered by the same renderer as {@code maintain} (so they
 * carry the managed marker and retention treats them as pgpart's). Pure and deterministic: the same
 * arguments give the same statements, byte for byte.
 *
 * <pre>{@code List<String> sql = TableDdl.render(spec, definition, TableDdl.Initial.PLANNED, at).statements();}</pre>
 */
public final class TableDdl {
    // A column type is SQL syntax, not a name, so it cannot be quoted: only plain type spellings pass.
    private static final Pattern TYPE = Pattern.compile("[A-Za-z][A-Za-z0-9_ ]*(\\(\\s*\\d+(\\s*,\\s*\\d+)?\\s*\\))?"
            + "[A-Za-z0-9_ ]*(\\[\\])*");
    private static final String OWNER = "pgpart_ddl"; // owner and current user alike, so no OWNER TO is rendered

    private TableDdl() {
    }

    /** Whether the planner's first partitions are part of the script, or left to the first {@code maintain}. */
    public enum Initial { PLANNED, NONE }

    /** A column of the new table; {@code type} is the SQL type as written in DDL ({@code timestamp(6) with time zone}). */
    public record ColumnDef(String name, String type, boolean notNull) {
    }

    /** An index on the parent (PostgreSQL creates it on every partition). */
    public record IndexDef(String name, List<String> columns, boolean unique) {
        public IndexDef {
            columns = List.copyOf(columns);
        }
    }

    /**
     * What the table is made of, apart from its partitioning (which {@link TableSpec} says).
     *
     * @param partitionKey the {@code PARTITION BY} columns
     * @param uniques      unique constraints as column lists (each must include the key, as PostgreSQL requires)
     */
    public record Definition(List<ColumnDef> columns, List<String> partitionKey, List<String> primaryKey,
                             List<List<String>> uniques, List<IndexDef> indexes) {
        public Definition {
            columns = List.copyOf(columns);
            partitionKey = List.copyOf(partitionKey);
            primaryKey = List.copyOf(primaryKey);
            uniques = uniques.stream().map(List::copyOf).toList();
            indexes = List.copyOf(indexes);
        }
    }

    /** The statements in order, and what the planner noticed (e.g. a numeric RANGE key without {@code start}). */
    public record Script(List<String> statements, List<String> notes) {
        public Script {
            statements = List.copyOf(statements);
            notes = List.copyOf(notes);
        }
    }

    /**
     * @param at the instant the planner plans the initial partitions for (a fixed one makes the output reproducible)
     * @throws IllegalArgumentException when a column type or key column cannot be rendered safely
     */
    public static Script render(TableSpec spec, Definition def, Initial initial, Instant at) {
        List<String> out = new ArrayList<>();
        out.add(createParent(spec, def));
        for (IndexDef index : def.indexes()) {
            out.add("CREATE " + (index.unique() ? "UNIQUE " : "") + "INDEX " + Sql.ident(index.name()) + " ON "
                    + spec.table().sql() + " (" + idents(index.columns()) + ")");
        }
        if (initial == Initial.NONE) {
            return new Script(out, List.of());
        }
        TableInfo parent = parentInfo(spec, def);
        TablePlan plan = new Planner().plan(new Spec(Duration.ofSeconds(2), List.of(spec)), catalog(parent), at)
                .tables().get(0);
        DdlRenderer renderer = new DdlRenderer();
        for (Action a : plan.actions()) {
            RenderedAction r = renderer.render(a, parent, OWNER);
            r.outsideTransaction().ifPresent(s -> out.add(s.sql()));
            r.steps().stream().map(Step::sql).forEach(out::add);
        }
        return new Script(out, plan.findings().stream().map(Finding::message).toList());
    }

    private static String createParent(TableSpec spec, Definition def) {
        Set<String> known = def.columns().stream().map(ColumnDef::name).collect(Collectors.toSet());
        for (String k : def.partitionKey()) {
            if (!known.contains(k)) {
                throw new IllegalArgumentException("partition key column " + Sql.identIfNeeded(k) + " is not a column of "
                        + spec.table() + " (columns: " + String.join(", ", known.stream().sorted().toList()) + ")");
            }
        }
        List<String> parts = new ArrayList<>();
        for (ColumnDef c : def.columns()) {
            parts.add(Sql.ident(c.name()) + " " + type(c) + (c.notNull() ? " NOT NULL" : ""));
        }
        if (!def.primaryKey().isEmpty()) {
            parts.add("PRIMARY KEY (" + idents(def.primaryKey()) + ")");
        }
        def.uniques().forEach(u -> parts.add("UNIQUE (" + idents(u) + ")"));
        return "CREATE TABLE " + spec.table().sql() + " (\n    " + String.join(",\n    ", parts) + "\n) PARTITION BY "
                + spec.policy().method() + " (" + idents(def.partitionKey()) + ")";
    }

    private static String type(ColumnDef c) {
        if (!TYPE.matcher(c.type()).matches()) {
            throw new IllegalArgumentException("refusing column type '" + c.type() + "' of column " + c.name()
                    + ": expected a plain SQL type such as 'bigint' or 'varchar(64)'; nothing was rendered");
        }
        return c.type();
    }

    private static String idents(List<String> names) {
        return names.stream().map(Sql::ident).collect(Collectors.joining(", "));
    }

    /** The table as the catalog would show it right after CREATE TABLE: partitioned, empty, no partitions. */
    private static TableInfo parentInfo(TableSpec spec, Definition def) {
        List<KeyColumn> key = def.partitionKey().stream().map(k -> {
            String type = def.columns().stream().filter(c -> c.name().equals(k)).findFirst().orElseThrow().type();
            return new KeyColumn(k, Optional.empty(), type, KeyType.fromTypeName(type));
        }).toList();
        List<Column> columns = def.columns().stream().map(c -> new Column(c.name(), false, -1)).toList();
        return new TableInfo(spec.table(), TableInfo.Kind.PARTITIONED_TABLE,
                Optional.of(TableInfo.Strategy.valueOf(spec.policy().method().name())), key, List.of(), Optional.empty(),
                Optional.empty(), Optional.empty(), TableProperties.none(OWNER), columns);
    }

    private static Catalog catalog(TableInfo parent) {
        // The major version only changes how partitions are detached, which a new table never does.
        return new Catalog(180000, java.util.Map.of(parent.name(), parent), Set.of(parent.name()));
    }
}
