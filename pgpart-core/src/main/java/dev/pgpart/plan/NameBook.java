package dev.pgpart.plan;

import dev.pgpart.catalog.Catalog;
import dev.pgpart.sql.QualifiedName;
import java.util.HashSet;
import java.util.Set;

/**
 * The names already taken while one plan is made: every relation in the catalog plus every name
 * the plan has given out, so no two new children (of any parent) ever get the same name.
 * One instance per {@code plan} call; never shared.
 */
final class NameBook {
    private static final int MAX_TRIES = 10_000;
    private final Catalog catalog;
    private final Set<QualifiedName> claimed = new HashSet<>();

    NameBook(Catalog catalog) {
        this.catalog = catalog;
    }

    /** The first free name of {@code template} ({@code name}, {@code name_1}, ...), now reserved. */
    QualifiedName claim(QualifiedName parent, PartitionNamer.Template template) {
        QualifiedName name = peek(parent, template, Set.of());
        claimed.add(name);
        return name;
    }

    /**
     * The name {@link #claim} would give, without reserving it; {@code mayReuse} are relations
     * whose names do not count as taken (the partition the name is for).
     */
    QualifiedName peek(QualifiedName parent, PartitionNamer.Template template, Set<QualifiedName> mayReuse) {
        for (int n = 0; n < MAX_TRIES; n++) {
            QualifiedName candidate = parent.sibling(template.render(n));
            boolean taken = catalog.nameTaken(candidate) && !mayReuse.contains(candidate);
            if (!taken && !claimed.contains(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no free name for " + template.render(0) + " after " + MAX_TRIES + " tries");
    }
}
