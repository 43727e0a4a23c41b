package dev.pgpart.guard.hibernate;

import dev.pgpart.ErrorCode;
import dev.pgpart.PgpartException;
import dev.pgpart.guard.jdbc.KeyCatalog;
import dev.pgpart.guard.jdbc.KeyedTable;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.hibernate.boot.Metadata;
import org.hibernate.boot.model.naming.Identifier;
import org.hibernate.mapping.Column;
import org.hibernate.mapping.PersistentClass;
import org.hibernate.mapping.Property;
import org.hibernate.mapping.Table;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The boot-time check: every entity mapped to a partitioned table must carry each required
 * partition-key column (the leading one of a range or list key, every one of a hash key) in its
 * identifier ({@code @IdClass}, {@code @EmbeddedId}) or as an attribute marked
 * {@code @org.hibernate.annotations.PartitionKey}. Otherwise {@code session.find(Entity.class, id)}
 * and the UPDATE and DELETE of a flush read every partition. Tables partitioned by an expression
 * cannot be checked from the mapping and are skipped (the statement guard judges them by EXPLAIN).
 */
public final class EntityKeyCheck {
    /** The Hibernate setting read by {@link PartitionKeyIntegrator}: {@code off} (default), {@code warn}, {@code fail}. */
    public static final String SETTING = "pgpart.guard.entity_check";

    private static final Logger LOG = LoggerFactory.getLogger(EntityKeyCheck.class);

    private EntityKeyCheck() {
    }

    /** Pure: the problems of {@code metadata} against a catalog read (or built) beforehand. */
    public static List<EntityKeyProblem> problems(Metadata metadata, KeyCatalog catalog) {
        List<EntityKeyProblem> out = new ArrayList<>();
        for (PersistentClass entity : metadata.getEntityBindings()) {
            if (entity.getSuperclass() != null && entity.getSuperclass().getTable() == entity.getTable()) {
                continue; // single-table inheritance: the root's finding covers it
            }
            Table t = entity.getTable();
            // no schema: along the search path the catalog was read with (hibernate.default_schema is not consulted)
            Optional<String> schema = Optional.ofNullable(t.getSchemaIdentifier()).map(EntityKeyCheck::normal);
            catalog.resolve(schema, normal(t.getNameIdentifier())).filter(KeyedTable::checkableFromText)
                    .ifPresent(table -> missing(entity, table).forEach(column ->
                            out.add(new EntityKeyProblem(entity.getEntityName(), table.table(), column))));
        }
        return List.copyOf(out);
    }

    /**
     * Reads the catalog through {@code dataSource} and checks {@code metadata}: {@link EntityCheckMode#WARN}
     * logs each problem, {@link EntityCheckMode#FAIL} throws when there is any.
     *
     * @return the problems found (empty for {@link EntityCheckMode#OFF}, which reads nothing)
     * @throws PgpartException CONFIG naming every problem (mode fail); DATABASE when the catalog cannot be read
     */
    public static List<EntityKeyProblem> check(Metadata metadata, DataSource dataSource, EntityCheckMode mode) {
        if (mode == EntityCheckMode.OFF) {
            return List.of();
        }
        try (Connection c = dataSource.getConnection()) {
            return check(metadata, c, mode);
        } catch (SQLException e) {
            throw unreadable(e);
        }
    }

    /** As {@link #check(Metadata, DataSource, EntityCheckMode)}, on a connection the caller owns (left open). */
    public static List<EntityKeyProblem> check(Metadata metadata, Connection connection, EntityCheckMode mode) {
        if (mode == EntityCheckMode.OFF) {
            return List.of();
        }
        KeyCatalog catalog;
        try {
            catalog = KeyCatalog.read(connection);
        } catch (SQLException e) {
            throw unreadable(e);
        }
        List<EntityKeyProblem> problems = problems(metadata, catalog);
        if (mode == EntityCheckMode.FAIL && !problems.isEmpty()) {
            throw new PgpartException(ErrorCode.CONFIG, problems.size() + (problems.size() == 1 ? " entity mapping lacks" : " entity mappings lack")
                    + " the partition key of their partitioned table:\n  " + problems.stream().map(EntityKeyProblem::message)
                    .collect(Collectors.joining("\n  ")) + "\nThe session factory was not built; nothing was written to the"
                    + " database. Fix the mappings, or set " + SETTING + "=warn to start anyway.");
        }
        problems.forEach(p -> LOG.warn("pgpart guard: {} ({}=warn: starting anyway)", p.message(), SETTING));
        return problems;
    }

    private static Set<String> missing(PersistentClass entity, KeyedTable table) {
        Set<String> carried = new HashSet<>(columns(entity.getIdentifier().getColumns()));
        for (Property p : entity.getPropertyClosure()) {
            if (p.getValue().isPartitionKey()) {
                carried.addAll(columns(p.getValue().getColumns()));
            }
        }
        Set<String> missing = new java.util.LinkedHashSet<>(table.requiredColumns());
        missing.removeAll(carried);
        return missing;
    }

    private static List<String> columns(List<Column> columns) {
        return columns.stream().map(c -> c.isQuoted() ? c.getName() : c.getName().toLowerCase(Locale.ROOT)).toList();
    }

    /** As PostgreSQL stores it: an unquoted identifier folds to lower case. */
    private static String normal(Identifier id) {
        return id.isQuoted() ? id.getText() : id.getText().toLowerCase(Locale.ROOT);
    }

    private static PgpartException unreadable(SQLException e) {
        return new PgpartException(ErrorCode.DATABASE, "the partition-key entity check cannot read the partitioned tables: "
                + e.getMessage() + " [SQLSTATE " + e.getSQLState() + "]. The session factory was not built; check the"
                + " connection settings, or set " + SETTING + "=off to start without the check.", e);
    }
}
