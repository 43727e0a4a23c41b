package dev.pgpart.jpa;

import dev.pgpart.spec.ConfigException;
import dev.pgpart.spec.ConfigProblem;
import dev.pgpart.spec.Spec;
import dev.pgpart.spec.SpecTree;
import dev.pgpart.spec.TableSpec;
import dev.pgpart.sql.QualifiedName;
import dev.pgpart.sql.Sql;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hibernate.boot.Metadata;

/**
 * The {@link Spec} that {@link Partitioned} entities declare, so an application maintains its
 * partitions with no pgpart.yml: {@code Pgpart.maintain(dataSource, PartitionedEntities.spec(List.of(Order.class)))}.
 * Values are validated by the core's rules (each message names the entity and the annotation
 * attribute), and the key rules of partitioned tables are checked on the mapping.
 */
public final class PartitionedEntities {
    private PartitionedEntities() {
    }

    /** @throws ConfigException listing every problem of every entity */
    public static Spec spec(List<Class<?>> entities) {
        return spec(Entities.metadata(entities, Map.of()));
    }

    /** From a metamodel Hibernate built (a persistence unit's, with its naming strategy). */
    public static Spec spec(Metadata metadata) {
        return model(MetadataTables.read(metadata)).spec();
    }

    /** The partitioned entities with their validated table specs. */
    record Model(Spec spec, List<Declared> tables) {
    }

    /** One partitioned entity: its mapping, its keys and its validated settings. */
    record Declared(KeyRules.Keyed keyed, TableSpec spec) {
    }

    static Model model(List<EntityTable> all) {
        List<ConfigProblem> problems = new ArrayList<>();
        Map<String, Object> tables = new LinkedHashMap<>();
        Map<QualifiedName, KeyRules.Keyed> keyed = new LinkedHashMap<>();
        for (EntityTable e : all) {
            Partitioned p = e.entity().getAnnotation(Partitioned.class);
            if (p == null) {
                continue;
            }
            SpecTrees.table(e, p, problems).ifPresent(t -> {
                tables.put(name(e.table()), t);
                keyed.put(e.table(), new KeyRules.Keyed(e, keyColumns(e, p)));
            });
        }
        keyed.values().forEach(k -> problems.addAll(KeyRules.check(k)));
        all.forEach(e -> problems.addAll(KeyRules.references(e, keyed)));
        if (tables.isEmpty() && problems.isEmpty()) {
            problems.add(new ConfigProblem("entities", "none of the " + all.size() + " entities is annotated with"
                    + " @Partitioned, so there is no table to maintain", "annotate each partitioned entity with @"
                    + Partitioned.class.getName()));
        }
        if (tables.isEmpty()) {
            throw new ConfigException(problems);
        }
        Spec spec;
        try {
            spec = SpecTree.read(Map.of("tables", tables), "entities", List.of());
        } catch (ConfigException e) {
            throw problems.isEmpty() ? e : e.with(problems);
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        List<Declared> declared = keyed.values().stream()
                .map(k -> new Declared(k, spec.table(k.table().table()).orElseThrow())).toList();
        return new Model(spec, declared);
    }

    private static List<String> keyColumns(EntityTable e, Partitioned p) {
        List<String> keys = new ArrayList<>();
        e.column(p.key()).ifPresent(keys::add);
        Optional.ofNullable(e.entity().getAnnotation(SubPartitioned.class))
                .flatMap(s -> e.column(s.key())).filter(c -> !keys.contains(c)).ifPresent(keys::add);
        return keys;
    }

    private static String name(QualifiedName q) {
        return Sql.identIfNeeded(q.schema()) + "." + Sql.identIfNeeded(q.name());
    }
}
