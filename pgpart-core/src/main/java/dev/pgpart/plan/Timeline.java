package dev.pgpart.plan;

import java.math.BigDecimal;
import java.util.List;

/** The one-line picture of range partitions in {@code status}: {@code #} past, {@code @} current, {@code +} ahead, {@code .} gap. */
final class Timeline {
    static final int MAX_PLAIN = 60;

    private Timeline() {
    }

    static String of(List<Span> spans, BigDecimal current) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < spans.size(); i++) {
            Span span = spans.get(i);
            if (i > 0 && spans.get(i - 1).hi().isPresent() && span.lo().isPresent()
                    && spans.get(i - 1).hi().get().compareTo(span.lo().get()) < 0) {
                s.append('.');
            }
            s.append(span.contains(current) ? '@' : span.endsAtOrBefore(current) ? '#' : '+');
        }
        return s.length() > MAX_PLAIN ? compress(s.toString()) : s.toString();
    }

    /** Runs of three or more become {@code cxN}: {@code #x118@+x4}. */
    static String compress(String s) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < s.length()) {
            int j = i;
            while (j < s.length() && s.charAt(j) == s.charAt(i)) {
                j++;
            }
            int n = j - i;
            out.append(n >= 3 ? s.charAt(i) + "x" + n : s.substring(i, j));
            i = j;
        }
        return out.toString();
    }
}
