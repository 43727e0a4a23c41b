package dev.pgpart.internal.exec;

import dev.pgpart.internal.catalog.Column;
import dev.pgpart.internal.catalog.TableInfo;
import dev.pgpart.internal.catalog.TableProperties;
import dev.pgpart.internal.catalog.TableProperties.Grant;
import dev.pgpart.internal.catalog.TableProperties.PolicyDef;
import dev.pgpart.sql.QualifiedName;
import dev.pgpart.sql.Sql;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What {@code CREATE TABLE ... (LIKE parent)} and {@code ATTACH} do not copy to a new child:
 * grants, owner, row level security, replica identity and column statistics targets.
 */
public final class PropertiesSql {
    // Privilege and command names are SQL keywords, not identifiers: only known ones are emitted.
    private static final Set<String> PRIVILEGES = Set.of("SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE",
            "REFERENCES", "TRIGGER", "MAINTAIN");
    private static final Map<String, String> COMMANDS = Map.of("ALL", "ALL", "*", "ALL", "SELECT", "SELECT",
            "R", "SELECT", "INSERT", "INSERT", "A", "INSERT", "UPDATE", "UPDATE", "W", "UPDATE", "DELETE", "DELETE",
            "D", "DELETE");

    private PropertiesSql() {
    }

    /** The statements that give {@code child} the properties of {@code parent} (also used by convert for a new parent). */
    public static List<String> render(QualifiedName child, TableInfo parent, String currentUser) {
        TableProperties p = parent.properties();
        List<String> out = new ArrayList<>(grants(child, p));
        // Grants first: when ownership then moves, PostgreSQL moves the grantor role with it.
        if (!p.owner().equals(currentUser)) {
            out.add("ALTER TABLE " + child.sql() + " OWNER TO " + Sql.ident(p.owner()));
        }
        out.addAll(rowSecurity(child, p));
        replicaIdentity(p.replicaIdentity()).ifPresent(r -> out.add("ALTER TABLE " + child.sql() + " REPLICA IDENTITY " + r));
        for (Column col : parent.columns()) {
            if (col.statisticsTarget() >= 0) {
                out.add("ALTER TABLE " + child.sql() + " ALTER COLUMN " + Sql.ident(col.name())
                        + " SET STATISTICS " + col.statisticsTarget());
            }
        }
        return out;
    }

    private static List<String> grants(QualifiedName child, TableProperties p) {
        List<String> out = new ArrayList<>();
        for (Grant g : p.grants()) {
            if (g.grantee().equals(p.owner())) {
                continue; // the owner's own privileges come with ownership
            }
            String privilege = g.privilege().toUpperCase(Locale.ROOT);
            if (!PRIVILEGES.contains(privilege)) {
                throw new IllegalArgumentException("unknown privilege '" + g.privilege() + "' on the parent");
            }
            out.add("GRANT " + privilege + " ON " + child.sql() + " TO " + role(g.grantee())
                    + (g.grantable() ? " WITH GRANT OPTION" : ""));
        }
        return out;
    }

    private static List<String> rowSecurity(QualifiedName child, TableProperties p) {
        List<String> out = new ArrayList<>();
        if (p.rowSecurity()) {
            out.add("ALTER TABLE " + child.sql() + " ENABLE ROW LEVEL SECURITY");
        }
        if (p.forceRowSecurity()) {
            out.add("ALTER TABLE " + child.sql() + " FORCE ROW LEVEL SECURITY");
        }
        for (PolicyDef policy : p.policies()) {
            out.add(policy(child, policy));
        }
        return out;
    }

    private static String policy(QualifiedName child, PolicyDef p) {
        String command = COMMANDS.get(p.command().toUpperCase(Locale.ROOT));
        if (command == null) {
            throw new IllegalArgumentException("unknown policy command '" + p.command() + "' on policy " + p.name());
        }
        String roles = p.roles().isEmpty() ? "PUBLIC"
                : p.roles().stream().map(PropertiesSql::role).collect(Collectors.joining(", "));
        // USING / WITH CHECK are embedded as-is: they are pg_get_expr output read from the parent's
        // policy in the catalog (SQL PostgreSQL itself printed), never text a user typed into pgpart.
        return "CREATE POLICY " + Sql.ident(p.name()) + " ON " + child.sql()
                + " AS " + (p.permissive() ? "PERMISSIVE" : "RESTRICTIVE") + " FOR " + command + " TO " + roles
                + p.using().map(u -> " USING (" + u + ")").orElse("")
                + p.withCheck().map(w -> " WITH CHECK (" + w + ")").orElse("");
    }

    /** A role name; {@code public} is the pseudo-role (no real role may be called that). */
    static String role(String name) {
        return name.equalsIgnoreCase("public") ? "PUBLIC" : Sql.ident(name);
    }

    /** Default needs nothing; an index identity cannot be copied before the child has the index. */
    private static java.util.Optional<String> replicaIdentity(char code) {
        if (code == 'f') {
            return java.util.Optional.of("FULL");
        }
        if (code == 'n') {
            return java.util.Optional.of("NOTHING");
        }
        return java.util.Optional.empty();
    }
}
