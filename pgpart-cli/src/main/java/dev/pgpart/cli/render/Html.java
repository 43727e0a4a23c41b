package dev.pgpart.cli.render;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.regex.Pattern;

/** Small helpers of the HTML status page: escaping, and short forms of times, bounds and counts. */
final class Html {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    /** A timestamp literal at midnight UTC, as status writes the bounds of daily-or-longer partitions. */
    private static final Pattern MIDNIGHT = Pattern.compile("(\\d{4}-\\d{2}-\\d{2}) 00:00:00(\\+00(:00)?)?");

    private Html() {
    }

    /**
     * Text for element content and (double- or single-quoted) attribute values. Everything that comes
     * from the database or the configuration goes through here: names may hold {@code <}, {@code &}, quotes.
     */
    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    static String time(Instant i) {
        return TIME.format(i);
    }

    /** {@code 2026-06-01} for a bound at midnight UTC; any other bound as written. */
    static String bound(String literal) {
        var m = MIDNIGHT.matcher(literal);
        return m.matches() ? m.group(1) : literal;
    }

    /** {@code 40 s}, {@code 12 min}, {@code 5 h}, {@code 3 days}: how long ago or until, roughly. */
    static String span(Duration d) {
        long s = Math.abs(d.getSeconds());
        if (s < 120) {
            return s + " s";
        }
        if (s < 120 * 60) {
            return (s / 60) + " min";
        }
        if (s < 72 * 3600) {
            return (s / 3600) + " h";
        }
        return (s / 86400) + " days";
    }

    /** {@code 950}, {@code 1.2k}, {@code 34k}, {@code 5.1M}: row estimates, which are approximate anyway. */
    static String compact(long n) {
        if (n < 1000) {
            return Long.toString(n);
        }
        String[] units = {"k", "M", "G", "T"};
        double v = n;
        int u = -1;
        while (v >= 1000 && u < units.length - 1) {
            v /= 1000;
            u++;
        }
        return (v < 10 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%.0f", v)) + units[u];
    }
}
