package dev.pgpart.cli.render;

import dev.pgpart.plan.PartitionStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * The cells of a table's timeline on the status page. Three hundred daily partitions drawn one by
 * one are a smear: a long run of partitions of one kind keeps its first and last few and folds the
 * middle into one cell that counts them. The current partition and gaps are never folded.
 */
final class TimelineCells {
    /** Runs longer than this are folded. */
    static final int FOLD_ABOVE = 8;
    static final int KEEP_HEAD = 2;
    static final int KEEP_TAIL = 3;

    sealed interface Cell permits One, Folded {
    }

    record One(PartitionStatus partition) implements Cell {
    }

    /** Consecutive partitions of one kind shown as one cell. */
    record Folded(PartitionStatus.Kind kind, List<PartitionStatus> partitions) implements Cell {
        Folded {
            partitions = List.copyOf(partitions);
        }

        long bytes() {
            return partitions.stream().mapToLong(PartitionStatus::totalBytes).sum();
        }

        long rows() {
            return partitions.stream().mapToLong(p -> p.estimatedRows().orElse(0)).sum();
        }
    }

    private TimelineCells() {
    }

    static List<Cell> of(List<PartitionStatus> ranges) {
        List<Cell> out = new ArrayList<>();
        int i = 0;
        while (i < ranges.size()) {
            int end = i;
            PartitionStatus.Kind kind = ranges.get(i).kind();
            while (end + 1 < ranges.size() && ranges.get(end + 1).kind() == kind) {
                end++;
            }
            List<PartitionStatus> run = ranges.subList(i, end + 1);
            if (run.size() > FOLD_ABOVE && kind != PartitionStatus.Kind.CURRENT && kind != PartitionStatus.Kind.GAP) {
                run.subList(0, KEEP_HEAD).forEach(p -> out.add(new One(p)));
                out.add(new Folded(kind, run.subList(KEEP_HEAD, run.size() - KEEP_TAIL)));
                run.subList(run.size() - KEEP_TAIL, run.size()).forEach(p -> out.add(new One(p)));
            } else {
                run.forEach(p -> out.add(new One(p)));
            }
            i = end + 1;
        }
        return out;
    }
}
