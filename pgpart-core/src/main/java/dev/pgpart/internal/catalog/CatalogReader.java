package dev.pgpart.internal.catalog;

import dev.pgpart.api.Bound;

import dev.pgpart.sql.QualifiedName;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a {@link Catalog} for the given tables. The number of queries depends on the number of
 * tables with a default partition or a numeric key, never on the number of partitions: one
 * maintenance run over thousands of partitions costs a handful of round trips.
 */
public final class CatalogReader {
    private final boolean withSizes;

    /** @param withSizes also read {@code pg_total_relation_size} of every partition (for status) */
    public CatalogReader(boolean withSizes) {
        this.withSizes = withSizes;
    }

    public CatalogReader() {
        this(false);
    }

    /** Expects a connection prepared by {@code Session.configure}. */
    public Catalog read(Connection connection, Collection<QualifiedName> tables) throws SQLException {
        Server server = server(connection);
        int version = server.versionNum();
        Map<Long, RawTable> raw = readTables(connection, tables);
        Long[] oids = raw.keySet().toArray(new Long[0]);
        Map<Long, Distribution> distributed = server.citus() ? CitusQueries.distributions(connection, oids) : Map.of();
        Map<Long, List<KeyColumn>> keys = CatalogQueries.keys(connection, oids);
        Map<Long, List<RawPartition>> parts = CatalogQueries.partitions(connection, oids, withSizes, server.citus());
        Map<Long, List<Column>> columns = CatalogQueries.columns(connection, oids);
        Map<Long, List<TableProperties.Grant>> grants = CatalogQueries.grants(connection, oids);
        Map<Long, List<TableProperties.PolicyDef>> policies = CatalogQueries.policies(connection, oids);
        Set<QualifiedName> names = CatalogQueries.relationNames(connection,
                tables.stream().map(QualifiedName::schema).distinct().toArray(String[]::new));

        List<CatalogQueries.DefaultProbe> probes = defaultProbes(raw, keys, parts);
        Map<Long, DefaultContents> contents = new LinkedHashMap<>(CatalogQueries.defaultContents(connection,
                probes.stream().filter(p -> !distributed.containsKey(p.parent())).toList()));
        contents.putAll(CitusQueries.defaultContents(connection,
                probes.stream().filter(p -> distributed.containsKey(p.parent())).toList()));

        Map<QualifiedName, TableInfo> infos = new LinkedHashMap<>();
        for (Map.Entry<Long, RawTable> e : raw.entrySet()) {
            long oid = e.getKey();
            RawTable t = e.getValue();
            List<KeyColumn> key = keys.getOrDefault(oid, List.of());
            List<RawPartition> children = parts.getOrDefault(oid, List.of());
            infos.put(t.name(), assemble(connection, t, key, children, columns.getOrDefault(oid, List.of()),
                    grants.getOrDefault(oid, List.of()), policies.getOrDefault(oid, List.of()),
                    Optional.ofNullable(contents.get(oid))).withDistribution(Optional.ofNullable(distributed.get(oid))));
        }
        return new Catalog(version, withMoveHazards(connection, infos), names);
    }

    private static Map<QualifiedName, TableInfo> withMoveHazards(Connection c, Map<QualifiedName, TableInfo> infos)
            throws SQLException {
        List<MoveHazardsQuery.Probe> probes = new ArrayList<>();
        infos.values().forEach(t -> t.defaultPartition().ifPresent(d -> probes.add(new MoveHazardsQuery.Probe(t.name(), d.name()))));
        Map<QualifiedName, MoveHazards> hazards = MoveHazardsQuery.read(c, probes);
        Map<QualifiedName, TableInfo> out = new LinkedHashMap<>();
        infos.forEach((name, t) -> out.put(name, hazards.containsKey(name) ? t.withMoveHazards(hazards.get(name)) : t));
        return out;
    }

    /** The parent of a partition, for commands that name only the partition. */
    public Optional<QualifiedName> parentOf(Connection c, QualifiedName partition) throws SQLException {
        String sql = """
                SELECT pn.nspname, p.relname
                FROM pg_class ch JOIN pg_namespace n ON n.oid = ch.relnamespace
                JOIN pg_inherits i ON i.inhrelid = ch.oid
                JOIN pg_class p ON p.oid = i.inhparent JOIN pg_namespace pn ON pn.oid = p.relnamespace
                WHERE n.nspname = ? AND ch.relname = ? AND ch.relispartition""";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, partition.schema());
            ps.setString(2, partition.name());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(QualifiedName.of(rs.getString(1), rs.getString(2))) : Optional.empty();
            }
        }
    }

    /** Every default partition to look into, with the RANGE key whose lowest and highest value matter. */
    private static List<CatalogQueries.DefaultProbe> defaultProbes(Map<Long, RawTable> raw, Map<Long, List<KeyColumn>> keys,
                                                                    Map<Long, List<RawPartition>> parts) {
        List<CatalogQueries.DefaultProbe> probes = new ArrayList<>();
        for (Map.Entry<Long, List<RawPartition>> e : parts.entrySet()) {
            List<KeyColumn> key = keys.getOrDefault(e.getKey(), List.of());
            boolean range = raw.get(e.getKey()).strategy().equals(Optional.of(TableInfo.Strategy.RANGE));
            Optional<String> rangeKey = range && key.size() == 1 && key.get(0).expression().isEmpty()
                    ? Optional.of(key.get(0).name()) : Optional.empty();
            e.getValue().stream().map(RawPartition::partition).filter(p -> p.bound() instanceof Bound.Default)
                    .findFirst().ifPresent(d -> probes.add(new CatalogQueries.DefaultProbe(e.getKey(), d.name(), rangeKey)));
        }
        return probes;
    }

    private TableInfo assemble(Connection c, RawTable t, List<KeyColumn> key, List<RawPartition> children,
                               List<Column> columns, List<TableProperties.Grant> grants,
                               List<TableProperties.PolicyDef> policies, Optional<DefaultContents> contents)
            throws SQLException {
        List<Partition> partitions = new ArrayList<>();
        Optional<Partition> def = Optional.empty();
        for (RawPartition p : children) {
            if (p.partition().bound() instanceof Bound.Default) {
                def = Optional.of(p.partition());
            } else {
                partitions.add(p.partition());
            }
        }
        Optional<KeyColumn> single = key.size() == 1 && key.get(0).expression().isEmpty()
                ? Optional.of(key.get(0)) : Optional.empty();
        Optional<TableInfo.Strategy> strategy = t.strategy();
        boolean range = strategy.equals(Optional.of(TableInfo.Strategy.RANGE));
        List<RawPartition> byUpper = range && single.isPresent() ? sortedByUpper(children, single.get().type()) : List.of();
        Optional<RawPartition> template = byUpper.isEmpty() ? Optional.empty() : Optional.of(byUpper.get(byUpper.size() - 1));

        Optional<String> highest = Optional.empty();
        if (range && single.isPresent() && single.get().type().isNumber()) {
            highest = CatalogQueries.highestKey(c, single.get().name(), byUpper);
        }
        TableProperties props = new TableProperties(t.owner(), grants, t.rowSecurity(), t.forceRowSecurity(), policies,
                template.map(RawPartition::replicaIdentity).orElse(t.replicaIdentity()),
                template.map(p -> p.partition().reloptions()).orElse(List.of()));
        return new TableInfo(t.name(), t.kind(), strategy, key, partitions, def, contents, highest, props, columns);
    }

    /** Range children ordered by upper bound; MAXVALUE last, unparsable ones left out. */
    private static List<RawPartition> sortedByUpper(List<RawPartition> children, KeyType type) {
        if (!(type.isTime() || type.isNumber() || type == KeyType.UUID)) {
            return List.of();
        }
        List<Map.Entry<BigDecimal, RawPartition>> keyed = new ArrayList<>();
        for (RawPartition p : children) {
            if (p.partition().bound() instanceof Bound.Range r) {
                try {
                    BigDecimal upper = r.to().map(type::toOrdinal).orElse(null);
                    keyed.add(Map.entry(upper == null ? BigDecimal.valueOf(Long.MAX_VALUE).pow(3) : upper, p));
                } catch (RuntimeException e) {
                    // a bound we cannot order: not a template candidate, the planner reports it
                }
            }
        }
        keyed.sort(Map.Entry.comparingByKey());
        return keyed.stream().map(Map.Entry::getValue).toList();
    }

    /** @param citus the citus extension is installed in this database */
    private record Server(int versionNum, boolean citus) {
    }

    private static Server server(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT current_setting('server_version_num')::int,"
                + " EXISTS (SELECT 1 FROM pg_catalog.pg_extension WHERE extname = 'citus')");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return new Server(rs.getInt(1), rs.getBoolean(2));
        }
    }

    private static Map<Long, RawTable> readTables(Connection c, Collection<QualifiedName> tables) throws SQLException {
        String sql = """
                SELECT c.oid, n.nspname, c.relname, c.relkind, pt.partstrat, pg_get_userbyid(c.relowner),
                       c.relrowsecurity, c.relforcerowsecurity, c.relreplident
                FROM unnest(?::text[], ?::text[]) AS w(schema_name, table_name)
                JOIN pg_namespace n ON n.nspname = w.schema_name
                JOIN pg_class c ON c.relnamespace = n.oid AND c.relname = w.table_name
                LEFT JOIN pg_partitioned_table pt ON pt.partrelid = c.oid""";
        Map<Long, RawTable> out = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            Array schemas = c.createArrayOf("text", tables.stream().map(QualifiedName::schema).toArray());
            Array names = c.createArrayOf("text", tables.stream().map(QualifiedName::name).toArray());
            ps.setArray(1, schemas);
            ps.setArray(2, names);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String relkind = rs.getString(4);
                    TableInfo.Kind kind = relkind.equals("p") ? TableInfo.Kind.PARTITIONED_TABLE
                            : relkind.equals("r") ? TableInfo.Kind.TABLE : TableInfo.Kind.OTHER;
                    Optional<TableInfo.Strategy> strategy = Optional.ofNullable(rs.getString(5)).map(CatalogReader::strategy);
                    out.put(rs.getLong(1), new RawTable(QualifiedName.of(rs.getString(2), rs.getString(3)), kind, strategy,
                            rs.getString(6), rs.getBoolean(7), rs.getBoolean(8), rs.getString(9).charAt(0)));
                }
            }
        }
        return out;
    }

    private static TableInfo.Strategy strategy(String partstrat) {
        switch (partstrat) {
            case "r":
                return TableInfo.Strategy.RANGE;
            case "l":
                return TableInfo.Strategy.LIST;
            case "h":
                return TableInfo.Strategy.HASH;
            default:
                throw new IllegalStateException("unknown partition strategy " + partstrat);
        }
    }

    record RawTable(QualifiedName name, TableInfo.Kind kind, Optional<TableInfo.Strategy> strategy, String owner,
                    boolean rowSecurity, boolean forceRowSecurity, char replicaIdentity) {
    }

    record RawPartition(Partition partition, char replicaIdentity) {
    }

    static <K, V> void add(Map<K, List<V>> map, K key, V value) {
        map.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
    }
}
