package dev.pgpart.jpa;

import dev.pgpart.spec.ConfigProblem;
import dev.pgpart.spec.SpecTree.Located;
import dev.pgpart.sql.Sql;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One entity's annotations as the table entry of a pgpart.yml tree, so the core's reader validates
 * them with its own messages. Each value carries where it came from ({@code entity Order (...)
 * @Partitioned.interval}), which every message starts with.
 */
final class SpecTrees {
    private SpecTrees() {
    }

    /** The table's settings; a key naming no column is a problem of its own (the tree is then not built). */
    static Optional<Map<String, Object>> table(EntityTable e, Partitioned p, List<ConfigProblem> problems) {
        Optional<String> key = column(e, p.key(), "@Partitioned.key", problems);
        SubPartitioned sub = e.entity().getAnnotation(SubPartitioned.class);
        Optional<String> subKey = sub == null ? Optional.empty() : column(e, sub.key(), "@SubPartitioned.key", problems);
        if (key.isEmpty() || (sub != null && subKey.isEmpty())) {
            return Optional.empty();
        }
        Map<String, Object> t = new LinkedHashMap<>();
        put(t, e, "key", "key", Sql.identIfNeeded(key.get()));
        ListPartition[] lists = e.entity().getAnnotationsByType(ListPartition.class);
        HashPartitions hash = e.entity().getAnnotation(HashPartitions.class);
        if (p.method() == Partitioned.Method.RANGE) {
            put(t, e, "interval", "interval", p.interval());
        }
        if (p.method() == Partitioned.Method.LIST || lists.length > 0) {
            t.put("list", list(e, "@ListPartition", lists));
        }
        if (p.method() == Partitioned.Method.HASH || hash != null) {
            Map<String, Object> h = new LinkedHashMap<>();
            if (hash != null) {
                put(h, e, "modulus", "@HashPartitions.modulus", hash.modulus());
            }
            t.put("hash", h);
        }
        if (p.method() == Partitioned.Method.RANGE || p.premake() != dev.pgpart.spec.RangePolicy.DEFAULT_PREMAKE) {
            put(t, e, "premake", "premake", p.premake());
        }
        optional(t, e, "start", "start", p.start());
        optional(t, e, "retention", "retention", p.retention());
        if (p.onExpiry() != Partitioned.OnExpiry.DETACH) {
            put(t, e, "on_expiry", "onExpiry", p.onExpiry().name().toLowerCase(Locale.ROOT));
        }
        if (p.defaultPartition()) {
            put(t, e, "default_partition", "defaultPartition", true);
        }
        optional(t, e, "time_zone", "timeZone", p.timeZone());
        optional(t, e, "id_encoding", "idEncoding", p.idEncoding());
        optional(t, e, "name_format", "nameFormat", p.nameFormat());
        if (sub != null) {
            t.put("subpartition", subpartition(e, sub, subKey.get()));
        }
        return Optional.of(t);
    }

    private static Map<String, Object> subpartition(EntityTable e, SubPartitioned sub, String column) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("key", located(e, "@SubPartitioned.key", Sql.identIfNeeded(column)));
        if (sub.list().length > 0) {
            s.put("list", list(e, "@SubPartitioned.list", sub.list()));
        }
        if (sub.modulus() != 0 || sub.list().length == 0) {
            Map<String, Object> h = new LinkedHashMap<>();
            h.put("modulus", located(e, "@SubPartitioned.modulus", sub.modulus()));
            s.put("hash", h);
        }
        return s;
    }

    private static Map<String, Object> list(EntityTable e, String where, ListPartition[] partitions) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (ListPartition lp : partitions) {
            List<Object> values = new ArrayList<>(List.of((Object[]) lp.values()));
            if (lp.includesNull()) {
                values.add(null);
            }
            m.put(lp.suffix(), located(e, where + "(suffix = \"" + lp.suffix() + "\")", values));
        }
        return m;
    }

    private static Optional<String> column(EntityTable e, String name, String where, List<ConfigProblem> problems) {
        Optional<String> c = e.column(name);
        if (c.isEmpty()) {
            problems.add(new ConfigProblem("entity " + e.entityName() + " " + where, Optional.of(e.table()),
                    where.substring(1) + " '" + name + "' is neither a column of " + e.table() + " nor an attribute mapped"
                            + " to one column",
                    "write one of the columns " + String.join(", ", e.columns().stream().map(x -> x.name()).toList())));
        }
        return c;
    }

    private static void optional(Map<String, Object> t, EntityTable e, String key, String attribute, String value) {
        if (!value.isEmpty()) {
            put(t, e, key, attribute, value);
        }
    }

    private static void put(Map<String, Object> t, EntityTable e, String key, String attribute, Object value) {
        t.put(key, located(e, attribute.startsWith("@") ? attribute : "@Partitioned." + attribute, value));
    }

    private static Located located(EntityTable e, String attribute, Object value) {
        return new Located(value, "entity " + e.entityName() + " " + attribute, 0);
    }
}
