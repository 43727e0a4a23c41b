package dev.pgpart.convert.copy;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * How the backfill's key space is cut into contiguous slices, one cursor each, so that several
 * workers copy at once. Only a single integer key is cut (by its min and max: identity and serial
 * keys are dense enough for equal widths to mean about equal row counts); uuid, text and
 * composite keys stay one slice, as no cheap arithmetic splits them.
 */
final class Slices {
    private static final Set<String> INTEGER_TYPES = Set.of("smallint", "integer", "bigint");

    private Slices() {
    }

    static boolean splittable(List<String> keyTypes) {
        return keyTypes.size() == 1 && INTEGER_TYPES.contains(keyTypes.get(0));
    }

    /**
     * The inclusive upper ends of at most {@code wanted} slices of {@code [min, max]}, ascending, the
     * last one {@code max}: slice 0 is everything up to the first end, slice i is (end i-1, end i].
     * Never more slices than keys in the range, so no slice is empty by construction.
     */
    static List<String> ends(String min, String max, int wanted) {
        BigInteger lo = new BigInteger(min);
        BigInteger hi = new BigInteger(max);
        BigInteger width = hi.subtract(lo).add(BigInteger.ONE);
        int n = width.min(BigInteger.valueOf(wanted)).max(BigInteger.ONE).intValueExact();
        List<String> out = new ArrayList<>();
        for (int i = 1; i < n; i++) {
            // lo - 1 + width * i / n: the last key of the i-th of n equal parts
            out.add(lo.subtract(BigInteger.ONE).add(width.multiply(BigInteger.valueOf(i)).divide(BigInteger.valueOf(n))).toString());
        }
        out.add(hi.toString());
        return List.copyOf(out);
    }
}
