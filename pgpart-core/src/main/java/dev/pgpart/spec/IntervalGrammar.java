package dev.pgpart.spec;

import dev.pgpart.spec.ConfigNode.Scalar;
import dev.pgpart.spec.ConfigNode.Type;
import dev.pgpart.spec.Interval.Unit;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Text grammars for partition intervals ({@code 3 months}, {@code 1000000}) and durations ({@code 2s}). */
final class IntervalGrammar {
    static final String INTERVAL_HELP = "write N hour(s)|day(s)|week(s)|month(s)|quarter(s)|year(s) (e.g. 1 month, 3 months),"
            + " hourly|daily|weekly|monthly|quarterly|yearly, or a positive number for numeric keys (e.g. 1000000)";
    static final String DURATION_HELP = "write a positive number with a unit: ms, s, min (or m), h, d (e.g. 500ms, 2s, 1min)";

    private static final Pattern NUMBER = Pattern.compile("[+-]?\\d+(\\.\\d+)?");
    private static final Pattern COUNTED = Pattern.compile("(\\d{1,9})\\s*([a-z]+)");
    private static final Pattern DURATION = Pattern.compile("([+-]?\\d{1,12}(?:\\.\\d{1,9})?)\\s*([a-z]*)");
    private static final Map<String, Unit> ALIASES = Map.of("hourly", Unit.HOUR, "daily", Unit.DAY, "weekly", Unit.WEEK,
            "monthly", Unit.MONTH, "quarterly", Unit.QUARTER, "yearly", Unit.YEAR);
    private static final Map<String, Duration> DURATION_UNITS = Map.ofEntries(
            Map.entry("us", Duration.ofNanos(1000)), Map.entry("ms", Duration.ofMillis(1)),
            Map.entry("s", Duration.ofSeconds(1)), Map.entry("sec", Duration.ofSeconds(1)),
            Map.entry("second", Duration.ofSeconds(1)), Map.entry("seconds", Duration.ofSeconds(1)),
            Map.entry("m", Duration.ofMinutes(1)), Map.entry("min", Duration.ofMinutes(1)),
            Map.entry("minute", Duration.ofMinutes(1)), Map.entry("minutes", Duration.ofMinutes(1)),
            Map.entry("h", Duration.ofHours(1)), Map.entry("hour", Duration.ofHours(1)),
            Map.entry("hours", Duration.ofHours(1)), Map.entry("d", Duration.ofDays(1)),
            Map.entry("day", Duration.ofDays(1)), Map.entry("days", Duration.ofDays(1)));

    private IntervalGrammar() {
    }

    /** {@code key: 1 month} or {@code key: 1000000}; reports and returns empty when it is neither. */
    static Optional<Interval> interval(Scalar s, String key, ConfigPath path, Problems problems) {
        String text = s.text().strip().toLowerCase(Locale.ROOT);
        if (s.type() == Type.INTEGER || s.type() == Type.FLOAT || NUMBER.matcher(text).matches()) {
            return numeric(s, key, path, problems);
        }
        if (ALIASES.containsKey(text)) {
            return Optional.of(new Interval.Calendar(1, ALIASES.get(text)));
        }
        Matcher m = COUNTED.matcher(text);
        Optional<Unit> unit = m.matches() ? unit(m.group(2)) : Optional.empty();
        if (unit.isEmpty()) {
            problems.add(s, path, key + " '" + s.text() + "' is not an interval", suggestion(text, m) + INTERVAL_HELP);
            return Optional.empty();
        }
        int count = Integer.parseInt(m.group(1));
        if (count < 1) {
            problems.add(s, path, key + " '" + s.text() + "' is empty", "use a count of at least 1, e.g. 1 " + m.group(2));
            return Optional.empty();
        }
        int max = Limits.maxCount(unit.get());
        if (count > max) {
            problems.add(s, path, key + " '" + s.text() + "' is longer than pgpart supports (at most "
                    + Limits.MAX_INTERVAL_YEARS + " years)", "write at most " + max + " " + unit.get().name().toLowerCase(Locale.ROOT)
                    + "s, e.g. 1 year");
            return Optional.empty();
        }
        return Optional.of(new Interval.Calendar(count, unit.get()));
    }

    private static Optional<Interval> numeric(Scalar s, String key, ConfigPath path, Problems problems) {
        BigDecimal step;
        try {
            step = new BigDecimal(s.text().strip());
        } catch (NumberFormatException e) {
            problems.add(s, path, key + " " + s.text() + " is not a plain number", INTERVAL_HELP);
            return Optional.empty();
        }
        if (step.signum() <= 0) {
            problems.add(s, path, key + " " + s.text() + " is not positive", "write a step greater than 0, e.g. 1000000");
            return Optional.empty();
        }
        return Optional.of(new Interval.Numeric(step));
    }

    /** month, months -> MONTH; PostgreSQL's abbreviation mon(s) too, since DBAs type it. */
    private static Optional<Unit> unit(String word) {
        String w = word.endsWith("s") ? word.substring(0, word.length() - 1) : word;
        if (w.equals("mon")) {
            return Optional.of(Unit.MONTH);
        }
        for (Unit u : Unit.values()) {
            if (u.name().toLowerCase(Locale.ROOT).equals(w)) {
                return Optional.of(u);
            }
        }
        return Optional.empty();
    }

    private static String suggestion(String text, Matcher counted) {
        if (counted.matches()) {
            int count = Integer.parseInt(counted.group(1));
            List<String> units = new ArrayList<>();
            for (Unit u : Unit.values()) {
                String name = u.name().toLowerCase(Locale.ROOT);
                units.add(count == 1 ? name : name + "s");
            }
            return Suggest.closest(counted.group(2), units).map(u -> "did you mean '" + count + " " + u + "'? ").orElse("");
        }
        return Suggest.didYouMean(text, ALIASES.keySet());
    }

    /** {@code 2s}, {@code 500ms}, {@code 1min}, PostgreSQL style {@code 2 s}. Zero and negative are reported by callers. */
    static Optional<Duration> duration(Scalar s, String key, ConfigPath path, Problems problems) {
        return duration(s, key, path, problems, Limits.MAX_WAIT);
    }

    /** A duration of at most {@code max}. */
    static Optional<Duration> duration(Scalar s, String key, ConfigPath path, Problems problems, Duration max) {
        Matcher m = DURATION.matcher(s.text().strip().toLowerCase(Locale.ROOT));
        if (!m.matches() || !DURATION_UNITS.containsKey(m.group(2))) {
            String fix = m.matches() && m.group(2).isEmpty()
                    ? "add a unit, e.g. " + m.group(1) + "ms or " + m.group(1) + "s" : DURATION_HELP;
            problems.add(s, path, key + " " + ConfigNode.describe(s) + " is not a duration", fix);
            return Optional.empty();
        }
        BigDecimal nanos = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(DURATION_UNITS.get(m.group(2)).toNanos()));
        if (nanos.compareTo(BigDecimal.valueOf(max.toNanos())) > 0) {
            problems.add(s, path, key + " " + ConfigNode.describe(s) + " is longer than pgpart supports (at most "
                    + max.toHours() + "h)", "write a duration of at most " + max.toHours() + "h");
            return Optional.empty();
        }
        return Optional.of(Duration.ofNanos(nanos.longValue()));
    }
}
