package dev.pgpart.convert.copy;

import dev.pgpart.spec.TableSpec;
import dev.pgpart.sql.QualifiedName;
import java.time.Clock;
import java.time.Duration;
import java.util.OptionalLong;

/** What one copy conversion was asked to do; shared by its phases, undo and finalize. */
record CopySettings(QualifiedName table, String key, TableSpec spec, int batchSize, OptionalLong maxRowsPerSecond,
                    Duration lockTimeout, Clock clock, int backfillWorkers) {
    CopySettings(QualifiedName table, String key, TableSpec spec, int batchSize, OptionalLong maxRowsPerSecond,
                 Duration lockTimeout, Clock clock) {
        this(table, key, spec, batchSize, maxRowsPerSecond, lockTimeout, clock, 1);
    }

    CopySettings {
        if (backfillWorkers < 1) {
            throw new IllegalArgumentException("backfill workers must be at least 1, got " + backfillWorkers);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        }
        if (maxRowsPerSecond.isPresent() && maxRowsPerSecond.getAsLong() < 1) {
            throw new IllegalArgumentException("max rows per second must be at least 1, got " + maxRowsPerSecond.getAsLong());
        }
        if (!spec.table().equals(table)) {
            throw new IllegalArgumentException("the table spec is for " + spec.table() + ", not " + table);
        }
    }

    CopyNames names() {
        return new CopyNames(table);
    }
}
