package dev.pgpart.internal.exec;

import dev.pgpart.internal.catalog.Partition;
import dev.pgpart.internal.catalog.TableInfo;
import dev.pgpart.plan.BoundText;
import dev.pgpart.plan.Leaf;
import dev.pgpart.plan.SubPartitions;
import dev.pgpart.sql.QualifiedName;
import dev.pgpart.sql.Sql;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Creating a detached child that looks like the parent, with its properties and sub-partitions. */
final class CreateSql {
    private static final Pattern OPTION_NAME = Pattern.compile("[a-z_.]+");
    static final String LIKE_OPTIONS = "INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING STORAGE INCLUDING COMMENTS"
            + " INCLUDING GENERATED INCLUDING COMPRESSION";

    private CreateSql() {
    }

    /** CREATE TABLE (LIKE), marker comment, copied properties and, if asked, the sub-partition children. */
    static List<Step> child(QualifiedName child, TableInfo parent, Optional<SubPartitions> sub, String currentUser) {
        List<Step> out = new ArrayList<>();
        String create = "CREATE TABLE " + child.sql() + " (LIKE " + parent.name().sql() + " " + LIKE_OPTIONS + ")";
        // A partitioned table has no storage, so it cannot take storage parameters: its leaves do.
        create += sub.map(SubPartitions::layout)
                .map(s -> " PARTITION BY " + s.policy().method() + " (" + Sql.ident(s.column()) + ")")
                .orElse(with(parent.properties().templateReloptions()));
        out.add(Step.ddl(create));
        out.add(marker(child, parent.name()));
        PropertiesSql.render(child, parent, currentUser).forEach(s -> out.add(Step.ddl(s)));
        sub.ifPresent(s -> out.addAll(leaves(child, parent, s, currentUser)));
        return out;
    }

    static Step marker(QualifiedName table, QualifiedName parent) {
        return Step.ddl("COMMENT ON TABLE " + table.sql() + " IS "
                + Sql.literal(Partition.MANAGED_MARKER + " partition of " + parent));
    }

    /** Exactly the leaves the plan names; naming them (63 bytes, collisions) is the planner's job. */
    private static List<Step> leaves(QualifiedName child, TableInfo parent, SubPartitions sub, String currentUser) {
        List<Step> out = new ArrayList<>();
        for (Leaf leaf : sub.leaves()) {
            out.add(Step.ddl("CREATE TABLE " + leaf.name().sql() + " PARTITION OF " + child.sql() + " "
                    + BoundText.of(leaf.bound()) + with(parent.properties().templateReloptions())));
            out.add(marker(leaf.name(), child));
            PropertiesSql.render(leaf.name(), parent, currentUser).forEach(s -> out.add(Step.ddl(s)));
        }
        return out;
    }

    /**
     * {@code WITH (k = 'v', ...)} from {@code pg_class.reloptions} entries ({@code k=v}). The names
     * cannot be quoted (a dotted name such as {@code toast.autovacuum_enabled} is two words), so
     * only names made of lower-case letters, underscores and dots are accepted.
     */
    static String with(List<String> reloptions) {
        if (reloptions.isEmpty()) {
            return "";
        }
        return " WITH (" + reloptions.stream().map(CreateSql::option).collect(Collectors.joining(", ")) + ")";
    }

    private static String option(String entry) {
        int eq = entry.indexOf('=');
        String name = eq < 0 ? entry : entry.substring(0, eq);
        if (!OPTION_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("refusing storage parameter name '" + name + "': expected [a-z_.]+");
        }
        return eq < 0 ? name : name + " = " + Sql.literal(entry.substring(eq + 1));
    }
}
