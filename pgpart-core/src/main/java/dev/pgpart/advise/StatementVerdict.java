package dev.pgpart.advise;

import dev.pgpart.guard.TablePruning;
import java.util.List;

/** What explaining one pg_stat_statements row showed. */
sealed interface StatementVerdict {
    StatementStat stat();

    /** One exhaustive dispatch (Java 17 has no pattern switch): a new verdict kind breaks every caller. */
    <T> T match(java.util.function.Function<Pruned, T> pruned, java.util.function.Function<Scans, T> scans,
                java.util.function.Function<Unknown, T> unknown);

    /** Every partitioned table it reads is pruned to at most one partition. */
    record Pruned(StatementStat stat) implements StatementVerdict {
        @Override
        public <T> T match(java.util.function.Function<Pruned, T> pruned, java.util.function.Function<Scans, T> scans,
                           java.util.function.Function<Unknown, T> unknown) {
            return pruned.apply(this);
        }
    }

    /** It reads more partitions of these tables than one. */
    record Scans(StatementStat stat, List<TablePruning> offenders) implements StatementVerdict {
        public Scans {
            offenders = List.copyOf(offenders);
        }

        @Override
        public <T> T match(java.util.function.Function<Pruned, T> pruned, java.util.function.Function<Scans, T> scans,
                           java.util.function.Function<Unknown, T> unknown) {
            return scans.apply(this);
        }
    }

    /** It could not be explained; {@code reason} is the server's or the analyzer's message. */
    record Unknown(StatementStat stat, String reason) implements StatementVerdict {
        @Override
        public <T> T match(java.util.function.Function<Pruned, T> pruned, java.util.function.Function<Scans, T> scans,
                           java.util.function.Function<Unknown, T> unknown) {
            return unknown.apply(this);
        }
    }
}
