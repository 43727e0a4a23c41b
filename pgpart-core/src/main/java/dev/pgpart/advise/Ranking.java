package dev.pgpart.advise;

import java.util.Comparator;
import java.util.List;

/** Worst first: severity, then cost within a severity, then kind and table so the order is stable. */
public final class Ranking {
    static final Comparator<Advice> WORST_FIRST = Comparator.comparing(Advice::severity)
            .thenComparing(Comparator.comparingDouble(Advice::weight).reversed())
            .thenComparing(Advice::kind)
            .thenComparing(Advice::table)
            .thenComparing(Advice::observed);

    private Ranking() {
    }

    public static List<Advice> worstFirst(List<Advice> advice) {
        return advice.stream().sorted(WORST_FIRST).toList();
    }
}
