package dev.pgpart.advise;

import dev.pgpart.sql.QualifiedName;
import java.util.List;

/** A primary key or unique constraint of a plain table that pgpart.yml declares for conversion. */
record KeyConstraint(QualifiedName table, String name, boolean primary, List<String> columns) {
    KeyConstraint {
        columns = List.copyOf(columns);
    }
}
