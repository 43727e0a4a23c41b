package dev.pgpart.plan;

import dev.pgpart.internal.catalog.Catalog;
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

    /** A reserved name and the template and collision number it was rendered from. */
    record Claimed(QualifiedName name, PartitionNamer.Template template, int number) {
    }

    /** The first free name of {@code template} ({@code name}, {@code name_1}, ...), now reserved. */
    QualifiedName claim(QualifiedName parent, PartitionNamer.Template template) {
        return claimNumbered(parent, template).name();
    }

    /** {@link #claim}, keeping how the name was made (its leaves are named from it). */
    Claimed claimNumbered(QualifiedName parent, PartitionNamer.Template template) {
        int n = free(parent, template, Set.of());
        QualifiedName name = parent.sibling(template.render(n));
        claimed.add(name);
        return new Claimed(name, template, n);
    }

    /**
     * The name {@link #claim} would give, without reserving it; {@code mayReuse} are relations
     * whose names do not count as taken (the partition the name is for).
     */
    QualifiedName peek(QualifiedName parent, PartitionNamer.Template template, Set<QualifiedName> mayReuse) {
        return parent.sibling(template.render(free(parent, template, mayReuse)));
    }

    private int free(QualifiedName parent, PartitionNamer.Template template, Set<QualifiedName> mayReuse) {
        for (int n = 0; n < MAX_TRIES; n++) {
            QualifiedName candidate = parent.sibling(template.render(n));
            boolean taken = catalog.nameTaken(candidate) && !mayReuse.contains(candidate);
            if (!taken && !claimed.contains(candidate)) {
                return n;
            }
        }
        throw new IllegalStateException("no free name for " + template.render(0) + " after " + MAX_TRIES + " tries");
    }
}
