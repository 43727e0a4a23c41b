package dev.pgpart.convert;

import dev.pgpart.sql.QualifiedName;
import dev.pgpart.sql.Sql;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Undo of an {@code attach} conversion after the swap, pure. The swap records in the job's checkpoint
 * what it changed and cannot read back from the parent (the original primary key, foreign key
 * definitions, whether the key was nullable); everything else is read from the parent at undo time,
 * so grants, triggers and views added to the parent since the swap come back too.
 *
 * @param concurrently statements run before the transaction, outside it (the original primary key's index, built online)
 * @param swapBack     the one transaction, under lock_timeout, that makes the history partition the table again
 * @param validate     run after it, one transaction each (SHARE UPDATE EXCLUSIVE: writes go on)
 */
public record AttachUndoPlan(List<String> concurrently, List<String> swapBack, List<String> validate) {
    static final String PKEY = "undo.pkey";
    static final String PKEY_COLUMNS = "undo.pkey_columns";
    static final String KEY_NULLABLE = "undo.key_nullable";
    static final String FK = "undo.fk.";
    static final String SWAPPED = "swapped";

    public AttachUndoPlan {
        concurrently = List.copyOf(concurrently);
        swapBack = List.copyOf(swapBack);
        validate = List.copyOf(validate);
    }

    public List<String> all() {
        List<String> out = new ArrayList<>(concurrently);
        out.addAll(swapBack);
        out.addAll(validate);
        return out;
    }

    /**
     * What the swap writes into the checkpoint with its work. The foreign keys' statements are rendered
     * here, from the catalog's own {@code pg_get_constraintdef}, so undo replays exactly what was there.
     */
    static Map<String, String> checkpoint(Source s, Source.Col key) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put(SWAPPED, "true");
        s.primaryKey().ifPresent(pk -> {
            out.put(PKEY, pk.name());
            if (AttachPlanner.compositeKey(s, key).isPresent()) {
                out.put(PKEY_COLUMNS, AttachPlanner.idents(pk.columns()));
            }
        });
        if (!key.notNull()) {
            out.put(KEY_NULLABLE, "true");
        }
        int i = 0;
        for (Source.IncomingFk f : s.incomingFks().stream().filter(Source.IncomingFk::hasKeyColumn).toList()) {
            String prefix = FK + String.format("%03d", i++);
            String alter = "ALTER TABLE " + f.from().sql();
            boolean validated = !f.definition().endsWith(" NOT VALID");
            out.put(prefix + ".drop", alter + " DROP CONSTRAINT IF EXISTS " + Sql.ident(f.name()));
            out.put(prefix + ".add", alter + " ADD CONSTRAINT " + Sql.ident(f.name()) + " " + f.definition()
                    + (validated ? " NOT VALID" : ""));
            if (validated) {
                out.put(prefix + ".validate", alter + " VALIDATE CONSTRAINT " + Sql.ident(f.name()));
            }
        }
        return out;
    }

    /** What the catalog says about the history partition while it is attached. */
    record History(QualifiedName table, Optional<String> primaryKey, Map<String, String> indexParents,
                   List<String> publications) {
        History {
            indexParents = Map.copyOf(indexParents);
            publications = List.copyOf(publications);
        }
    }

    /** Index that takes over as the original primary key when the swap had made it composite. */
    static String undoPkeyIndex(QualifiedName table) {
        return Names.derived(table.name(), "_pgpart_upk");
    }

    /**
     * @param parent     the partitioned table as it is now, read before the renames (definitions name it by its name)
     * @param checkpoint the swap's checkpoint
     */
    static AttachUndoPlan of(Source parent, History history, Map<String, String> checkpoint) {
        QualifiedName t = parent.table();
        QualifiedName old = history.table();
        QualifiedName tmp = t.sibling(Names.derived(t.name(), "_pgpart_undo"));
        Map<String, String> fks = new TreeMap<>();
        checkpoint.forEach((k, v) -> {
            if (k.startsWith(FK)) {
                fks.put(k, v);
            }
        });
        Optional<String> pkColumns = Optional.ofNullable(checkpoint.get(PKEY_COLUMNS));
        Optional<String> pkName = Optional.ofNullable(checkpoint.get(PKEY));
        QualifiedName upk = t.sibling(undoPkeyIndex(t));
        List<String> concurrently = new ArrayList<>();
        pkColumns.ifPresent(cols -> concurrently.add("CREATE UNIQUE INDEX CONCURRENTLY " + Sql.ident(upk.name()) + " ON "
                + old.sql() + " (" + cols + ")"));

        List<String> tx = new ArrayList<>();
        tx.add("LOCK TABLE " + t.sql() + " IN ACCESS EXCLUSIVE MODE");
        byKind(fks, ".drop").forEach(tx::add);
        tx.add("ALTER TABLE " + t.sql() + " DETACH PARTITION " + old.sql());
        // the parent's row triggers were cloned onto the partition; the detached table gets them back below, after the rows moved
        parent.triggers().forEach(tr -> tx.add("DROP TRIGGER IF EXISTS " + Sql.ident(tr.name()) + " ON " + old.sql()));
        for (Source.Col c : parent.columns()) {
            if (c.identity().isEmpty() && c.sequence().isPresent()) {
                tx.add("ALTER SEQUENCE " + c.sequence().get().name().sql() + " OWNED BY " + old.sql() + "." + Sql.ident(c.name()));
            }
        }
        tx.add("ALTER TABLE " + t.sql() + " RENAME TO " + Sql.ident(tmp.name()));
        tx.add("ALTER TABLE " + old.sql() + " RENAME TO " + Sql.ident(t.name()));
        String cols = AttachPlanner.idents(parent.columns().stream().filter(c -> !c.generated()).map(Source.Col::name).toList());
        // rows written since the swap into the other partitions (future months, the default) come back
        tx.add("INSERT INTO " + t.sql() + " (" + cols + ") SELECT " + cols + " FROM " + tmp.sql());
        parent.dependents().stream().filter(d -> !d.materialized())
                .forEach(d -> tx.add("CREATE OR REPLACE VIEW " + d.name().sql() + " AS " + d.definition()));
        tx.add("DROP TABLE " + tmp.sql());
        history.indexParents().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .filter(e -> history.primaryKey().map(pk -> !pk.equals(e.getKey())).orElse(true))
                .forEach(e -> tx.add("ALTER INDEX " + t.sibling(e.getKey()).sql() + " RENAME TO " + Sql.ident(e.getValue())));
        primaryKey(t, history, pkName, pkColumns.isPresent(), upk).forEach(tx::add);
        parent.columns().forEach(c -> tx.addAll(AttachPlanner.identity(t, c)));
        if ("true".equals(checkpoint.get(KEY_NULLABLE))) {
            parent.key().ifPresent(k -> tx.add("ALTER TABLE " + t.sql() + " ALTER COLUMN " + Sql.ident(k.name()) + " DROP NOT NULL"));
        }
        parent.triggers().forEach(tr -> tx.add(tr.definition()));
        byKind(fks, ".add").forEach(tx::add);
        parent.publications().stream().filter(p -> !history.publications().contains(p))
                .forEach(p -> tx.add("ALTER PUBLICATION " + Sql.ident(p) + " ADD TABLE " + t.sql()));
        return new AttachUndoPlan(concurrently, tx, byKind(fks, ".validate"));
    }

    private static List<String> primaryKey(QualifiedName t, History history, Optional<String> pkName, boolean composite,
                                           QualifiedName upk) {
        List<String> out = new ArrayList<>();
        if (history.primaryKey().isEmpty() || pkName.isEmpty()) {
            return out;
        }
        if (composite) {
            out.add("ALTER TABLE " + t.sql() + " DROP CONSTRAINT " + Sql.ident(history.primaryKey().get()));
            out.add("ALTER TABLE " + t.sql() + " ADD CONSTRAINT " + Sql.ident(pkName.get()) + " PRIMARY KEY USING INDEX "
                    + Sql.ident(upk.name()));
            // the index was marked while it was pgpart's; it is the table's primary key again
            out.add("COMMENT ON INDEX " + t.sibling(pkName.get()).sql() + " IS NULL");
        } else if (!history.primaryKey().get().equals(pkName.get())) {
            out.add("ALTER TABLE " + t.sql() + " RENAME CONSTRAINT " + Sql.ident(history.primaryKey().get()) + " TO "
                    + Sql.ident(pkName.get()));
        }
        return out;
    }

    private static List<String> byKind(Map<String, String> fks, String suffix) {
        return fks.entrySet().stream().filter(e -> e.getKey().endsWith(suffix)).map(Map.Entry::getValue).toList();
    }
}
