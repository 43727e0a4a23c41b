package dev.pgpart.convert.copy;

import dev.pgpart.convert.IncomingFks;
import dev.pgpart.internal.catalog.CatalogReader;
import dev.pgpart.internal.catalog.TableInfo;
import dev.pgpart.internal.exec.PropertiesSql;
import dev.pgpart.sql.QualifiedName;
import dev.pgpart.sql.Sql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The swap and the swap back, each one transaction holding ACCESS EXCLUSIVE on both tables for
 * catalog work only (no row is read or written), under the caller's lock_timeout.
 */
final class Swap {
    /** The marker role of an incoming foreign key the swap extended with the key (undo takes it off again). */
    static final String EXTENDED_FK = "foreign key extended with the partition key";

    private Swap() {
    }

    /** Original becomes {@code <table>_pgpart_old}, the new parent becomes {@code <table>}; reverse sync on. */
    static void forward(Connection c, CopySettings s) throws SQLException {
        CopyNames n = s.names();
        QualifiedName table = s.table();
        prologue(c, table, n.newParent());
        Source src = SourceReader.read(c, table).orElseThrow();
        long srcOid = SourceReader.oid(c, table).orElseThrow();
        long newOid = SourceReader.oid(c, n.newParent()).orElseThrow();
        TableInfo props = new CatalogReader().read(c, List.of(table)).table(table).orElseThrow();
        List<Dependents.View> views = Dependents.views(c, srcOid);
        List<Dependents.Trigger> triggers = Dependents.triggers(c, srcOid);
        Optional<String> comment = Dependents.comment(c, srcOid);
        List<String> publications = Dependents.publications(c, srcOid);
        List<dev.pgpart.convert.Source.IncomingFk> fks = IncomingFks.read(c, srcOid, s.key()).stream()
                .filter(dev.pgpart.convert.Source.IncomingFk::hasKeyColumn).toList();
        List<String> sql = new ArrayList<>(SyncSql.drop(n.forwardFunction(), table));
        sql.add("ALTER TABLE " + table.sql() + " RENAME TO " + Sql.ident(n.oldKept().name()));
        sql.add("ALTER TABLE " + n.newParent().sql() + " RENAME TO " + Sql.ident(table.name()));
        for (String index : indexNames(src)) {
            sql.add("ALTER INDEX " + table.sibling(index).sql() + " RENAME TO " + Sql.ident(NewParent.oldIndexName(index)));
            sql.add("ALTER INDEX " + table.sibling(NewParent.newIndexName(index)).sql() + " RENAME TO " + Sql.ident(index));
        }
        for (Source.OwnedSequence seq : src.sequences()) {
            sql.add("ALTER SEQUENCE " + seq.sequence().sql() + " OWNED BY " + table.sql() + "." + Sql.ident(seq.column()));
        }
        run(c, sql);
        for (Source.Col col : src.columns()) {
            if (col.identity().isPresent()) {
                Identities.Options o = Identities.read(c, n.oldKept(), col.name());
                Tx.exec(c, Identities.add(table, col.name(), col.identity().get(), o));
                if (o.last().isPresent()) {
                    Identities.setLast(c, table, col.name(), o.last().getAsLong());
                }
            }
        }
        String user = currentUser(c);
        List<String> after = new ArrayList<>(PropertiesSql.render(table, props, user));
        for (QualifiedName part : Dependents.partitions(c, newOid)) {
            after.addAll(PropertiesSql.render(part, props, user));
        }
        // The kept original is written only by pgpart's reverse trigger from now on; its policies
        // must not refuse those writes. They stay defined, and undo turns them back on.
        after.add("ALTER TABLE " + n.oldKept().sql() + " NO FORCE ROW LEVEL SECURITY");
        after.add("ALTER TABLE " + n.oldKept().sql() + " DISABLE ROW LEVEL SECURITY");
        after.addAll(recreateViews(views));
        for (Dependents.Trigger t : triggers) {
            after.add(t.definition());
            after.addAll(enabled(table, t.name(), t.enabled()));
            // the reverse sync must not fire the application's triggers a second time
            after.add("ALTER TABLE " + n.oldKept().sql() + " DISABLE TRIGGER " + Sql.ident(t.name()));
        }
        after.add("COMMENT ON TABLE " + table.sql() + " IS " + Sql.literalOrNull(comment));
        after.addAll(publications(publications, n.oldKept(), table));
        for (dev.pgpart.convert.Source.IncomingFk f : fks) {
            after.add(IncomingFks.drop(f));
            after.add(IncomingFks.composite(f, table, s.key()));
            if (!f.toColumns().contains(s.key())) {
                after.add("COMMENT ON CONSTRAINT " + Sql.ident(f.name()) + " ON " + f.from().sql() + " IS "
                        + Sql.literal(n.marker(EXTENDED_FK)));
            }
        }
        after.add("COMMENT ON TABLE " + n.oldKept().sql() + " IS "
                + Sql.literal(n.marker("original table, kept in sync for undo until finalize")));
        after.addAll(SyncSql.install(n.reverseFunction(), table, n.oldKept(), src.writable(), src.primaryKey(),
                src.primaryKey(), n.marker("reverse sync trigger function")));
        run(c, after);
    }

    /** The kept original gets its name, views, triggers, RLS and comment back; the new table is dropped. */
    static void back(Connection c, CopySettings s) throws SQLException {
        CopyNames n = s.names();
        QualifiedName table = s.table();
        prologue(c, table, n.oldKept());
        Source converted = SourceReader.read(c, table).orElseThrow();
        Source original = SourceReader.read(c, n.oldKept()).orElseThrow();
        long convertedOid = SourceReader.oid(c, table).orElseThrow();
        List<Dependents.View> views = Dependents.views(c, convertedOid);
        List<Dependents.Trigger> triggers = Dependents.triggers(c, convertedOid);
        Optional<String> comment = Dependents.comment(c, convertedOid);
        Dependents.Rls rls = Dependents.rls(c, convertedOid);
        List<String> publications = Dependents.publications(c, convertedOid);
        List<String> fks = new ArrayList<>();
        for (dev.pgpart.convert.Source.IncomingFk f : IncomingFks.read(c, convertedOid, s.key())) {
            // the key comes off again where the swap added it; the rest point at the original as they are
            boolean extended = IncomingFks.comment(c, f).equals(Optional.of(n.marker(EXTENDED_FK)));
            fks.add(IncomingFks.drop(f));
            fks.add(IncomingFks.add(f, table, extended ? withoutLast(f.fromColumns()) : f.fromColumns(),
                    extended ? withoutLast(f.toColumns()) : f.toColumns()));
        }
        for (Source.Col col : original.columns()) {
            if (col.identity().isPresent() && converted.column(col.name()).flatMap(Source.Col::identity).isPresent()) {
                Identities.Options mine = Identities.read(c, n.oldKept(), col.name());
                OptionalLong last = Identities.ahead(mine, Identities.read(c, table, col.name()).last());
                if (last.isPresent()) {
                    Identities.setLast(c, n.oldKept(), col.name(), last.getAsLong());
                }
            }
        }
        List<String> sql = new ArrayList<>(SyncSql.drop(n.reverseFunction(), table));
        sql.add("ALTER TABLE " + table.sql() + " RENAME TO " + Sql.ident(n.newParent().name()));
        sql.add("ALTER TABLE " + n.oldKept().sql() + " RENAME TO " + Sql.ident(table.name()));
        List<String> kept = indexNames(original);
        for (String index : indexNames(converted).stream().filter(i -> kept.contains(NewParent.oldIndexName(i))).toList()) {
            sql.add("ALTER INDEX " + table.sibling(index).sql() + " RENAME TO " + Sql.ident(NewParent.newIndexName(index)));
            sql.add("ALTER INDEX " + table.sibling(NewParent.oldIndexName(index)).sql() + " RENAME TO " + Sql.ident(index));
        }
        for (Source.OwnedSequence seq : converted.sequences()) {
            sql.add("ALTER SEQUENCE " + seq.sequence().sql() + " OWNED BY " + table.sql() + "." + Sql.ident(seq.column()));
        }
        sql.addAll(recreateViews(views));
        sql.add("ALTER TABLE " + table.sql() + (rls.enabled() ? " ENABLE" : " DISABLE") + " ROW LEVEL SECURITY");
        sql.add("ALTER TABLE " + table.sql() + (rls.forced() ? " FORCE" : " NO FORCE") + " ROW LEVEL SECURITY");
        for (Dependents.Trigger t : triggers) {
            sql.addAll(enabled(table, t.name(), t.enabled()));
        }
        sql.add("COMMENT ON TABLE " + table.sql() + " IS " + Sql.literalOrNull(comment));
        sql.addAll(publications(publications, n.newParent(), table));
        sql.addAll(fks);
        sql.add("DROP TABLE " + n.newParent().sql());
        run(c, sql);
    }

    /**
     * Membership follows the name: a publication lists a table by OID, so the renamed table would
     * stay in it and the one now named {@code to} would be missing. The kept original leaves the
     * publication: its only writes are the reverse sync's, which subscribers must not get twice.
     */
    private static List<String> publications(List<String> names, QualifiedName from, QualifiedName to) {
        List<String> out = new ArrayList<>();
        for (String p : names) {
            out.add("ALTER PUBLICATION " + Sql.ident(p) + " DROP TABLE " + from.sql());
            out.add("ALTER PUBLICATION " + Sql.ident(p) + " ADD TABLE " + to.sql());
        }
        return out;
    }

    private static List<String> withoutLast(List<String> columns) {
        return columns.subList(0, columns.size() - 1);
    }

    private static void prologue(Connection c, QualifiedName a, QualifiedName b) throws SQLException {
        // every name PostgreSQL prints from now on (views, triggers) comes out schema-qualified
        Tx.exec(c, "SET LOCAL search_path = pg_catalog, pg_temp");
        Tx.exec(c, "LOCK TABLE " + a.sql() + ", " + b.sql() + " IN ACCESS EXCLUSIVE MODE");
    }

    private static List<String> indexNames(Source s) {
        List<String> out = new ArrayList<>();
        out.add(s.primaryKeyName());
        s.indexes().forEach(i -> out.add(i.name()));
        return out;
    }

    private static List<String> recreateViews(List<Dependents.View> views) {
        List<String> out = new ArrayList<>();
        for (Dependents.View v : views) {
            out.add("CREATE OR REPLACE VIEW " + v.name().sql() + " AS " + v.definition());
            if (!v.options().isEmpty()) {
                // CREATE OR REPLACE resets the options; they are key=value text from pg_class.reloptions
                out.add("ALTER VIEW " + v.name().sql() + " SET (" + String.join(", ", v.options()) + ")");
            }
        }
        return out;
    }

    private static List<String> enabled(QualifiedName table, String trigger, char state) {
        String how = switch (state) {
            case 'D' -> "DISABLE";
            case 'R' -> "ENABLE REPLICA";
            case 'A' -> "ENABLE ALWAYS";
            default -> "ENABLE";
        };
        return List.of("ALTER TABLE " + table.sql() + " " + how + " TRIGGER " + Sql.ident(trigger));
    }

    private static void run(Connection c, List<String> sql) throws SQLException {
        for (String s : sql) {
            Tx.exec(c, s);
        }
    }

    private static String currentUser(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT current_user")) {
            rs.next();
            return rs.getString(1);
        }
    }

}
