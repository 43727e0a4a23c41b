package dev.pgpart.convert.copy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where one run of backfill batches stands in the job's checkpoint: the whole key space for one
 * worker ({@code backfill.last.*}), or one slice of it ({@code backfill.slice.<i>.last.*}).
 *
 * @param prefix the checkpoint keys' prefix
 * @param floor  the key just below the range (exclusive), empty for the range starting at the first row
 * @param bound  the last key of the range (inclusive)
 */
record Cursor(String prefix, Optional<List<String>> floor, List<String> bound) {
    static final String SERIAL = "backfill.";

    Cursor {
        floor = floor.map(List::copyOf);
        bound = List.copyOf(bound);
    }

    static Cursor slice(int i, Optional<List<String>> floor, List<String> bound) {
        return new Cursor(SERIAL + "slice." + i + ".", floor, bound);
    }

    /** The last key copied, or the floor before the first batch; empty when the range starts at the first row. */
    Optional<List<String>> last(Map<String, String> cp) {
        return cp.containsKey(prefix + "last.0") ? Optional.of(values(cp, prefix + "last.", bound.size())) : floor;
    }

    long batches(Map<String, String> cp) {
        return Long.parseLong(cp.getOrDefault(prefix + "batches", "0"));
    }

    boolean finished(Map<String, String> cp) {
        return "true".equals(cp.get(prefix + "finished"));
    }

    /** The checkpoint entries after a batch that copied up to {@code upTo}. */
    Map<String, String> after(List<String> upTo, long batchNo, boolean finished) {
        Map<String, String> next = new java.util.HashMap<>();
        for (int i = 0; i < upTo.size(); i++) {
            next.put(prefix + "last." + i, upTo.get(i));
        }
        next.put(prefix + "batches", Long.toString(batchNo));
        if (finished) {
            next.put(prefix + "finished", "true");
        }
        return next;
    }

    static List<String> values(Map<String, String> cp, String prefix, int k) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            out.add(cp.get(prefix + i));
        }
        return out;
    }
}
