package dev.pgpart.spec;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a {@code name_format} template: known tokens only, and one that differs between
 * children (otherwise every child would get the same name and the second CREATE would fail).
 */
final class NameFormat {
    private NameFormat() {
    }

    /**
     * @param interval the RANGE interval when known, to check {@code {lower:PATTERN}} against it
     */
    static void check(String format, Policy.Method method, Optional<Interval> interval, ConfigNode at, ConfigPath path,
                      Problems problems) {
        Optional<List<String>> tokens = tokens(format);
        if (tokens.isEmpty()) {
            problems.add(at, path, "name_format '" + format + "' has an unbalanced { or }", "write tokens as {parent}, {lower} ...");
            return;
        }
        String varying = varyingToken(method);
        boolean varies = false;
        for (String token : tokens.get()) {
            String name = token.contains(":") ? token.substring(0, token.indexOf(':')) : token;
            if (!name.equals("parent") && !name.equals(varying)) {
                problems.add(at, path, "name_format '" + format + "' has token {" + token + "}, which "
                        + method + " tables do not have", "use {parent} and {" + varying + "}");
                continue;
            }
            varies |= name.equals(varying);
            if (token.startsWith("lower:")) {
                interval.ifPresent(i -> checkPattern(format, token.substring(6), i, at, path, problems));
            }
        }
        if (!varies) {
            problems.add(at, path, "name_format '" + format + "' gives every child the same name",
                    "include {" + varying + "}, e.g. {parent}_" + (varying.equals("remainder") ? "p" : varying.equals("lower") ? "p" : "") + "{" + varying + "}");
        }
    }

    private static String varyingToken(Policy.Method method) {
        switch (method) {
            case LIST:
                return "suffix";
            case HASH:
                return "remainder";
            default:
                return "lower";
        }
    }

    /** The text between braces, in order; empty when braces do not pair up. */
    static Optional<List<String>> tokens(String format) {
        List<String> tokens = new ArrayList<>();
        int i = 0;
        while (i < format.length()) {
            int open = format.indexOf('{', i);
            int close = format.indexOf('}', i);
            if (open < 0) {
                return close < 0 ? Optional.of(tokens) : Optional.empty();
            }
            int end = format.indexOf('}', open);
            if (close < open || end < 0 || format.substring(open + 1, end).contains("{")) {
                return Optional.empty();
            }
            tokens.add(format.substring(open + 1, end));
            i = end + 1;
        }
        return Optional.of(tokens);
    }

    /** {@code {lower:PATTERN}}: a valid pattern, for calendar intervals, fine enough to tell children apart. */
    private static void checkPattern(String format, String pattern, Interval interval, ConfigNode at, ConfigPath path, Problems problems) {
        if (!(interval instanceof Interval.Calendar)) {
            problems.add(at, path, "name_format '" + format + "' formats {lower:" + pattern + "} as a date, but the interval is numeric",
                    "use {lower} for numeric intervals");
            return;
        }
        try {
            DateTimeFormatter.ofPattern(pattern);
        } catch (IllegalArgumentException e) {
            problems.add(at, path, "name_format pattern '" + pattern + "' is invalid: " + e.getMessage(),
                    "write a java.time pattern such as yyyyMMdd or yyyy_MM");
            return;
        }
        Interval.Unit unit = ((Interval.Calendar) interval).unit();
        patternProblem(pattern, unit).ifPresent(p -> problems.add(at, path, "name_format pattern '" + pattern + "' "
                + p + ", so partitions " + interval + " wide would get names that collide or mislead",
                "use yyyy (or uuuu) for the year" + needed(unit) + ", e.g. " + example(unit)));
    }

    /**
     * What keeps a pattern from naming every slot of {@code unit} uniquely and truthfully: a
     * week-based year (Y, the year of the week: 2027-12-27 is in week-year 2028), a two-digit year,
     * or a field the interval needs (month, day, hour) missing. Empty when the pattern is fine.
     */
    static Optional<String> patternProblem(String pattern, Interval.Unit unit) {
        Map<Character, Integer> letters = letters(pattern);
        if (letters.containsKey('Y')) {
            return Optional.of("uses Y, the week-based year (2027-12-27 is in week-year 2028)");
        }
        Integer year = letters.containsKey('y') ? letters.get('y') : letters.get('u');
        if (year == null || year == 2) {
            return Optional.of(year == null ? "has no year" : "has a two-digit year");
        }
        boolean month = letters.containsKey('M') || letters.containsKey('L');
        boolean dayOfYear = letters.containsKey('D');
        boolean day = dayOfYear || (month && letters.containsKey('d'));
        boolean hour = letters.containsKey('H') || letters.containsKey('k');
        return switch (unit) {
            case YEAR -> Optional.empty();
            case MONTH, QUARTER -> month || dayOfYear ? Optional.empty() : Optional.of("has no month");
            case WEEK, DAY -> day ? Optional.empty() : Optional.of(month ? "has no day of the month" : "has no month and day");
            case HOUR -> !day ? Optional.of("has no month and day") : hour ? Optional.empty() : Optional.of("has no 24-hour clock hour");
        };
    }

    /** Pattern letters outside quoted literals, each with its longest run length. */
    private static Map<Character, Integer> letters(String pattern) {
        Map<Character, Integer> out = new HashMap<>();
        String plain = pattern.replaceAll("'[^']*'", "");
        int i = 0;
        while (i < plain.length()) {
            char c = plain.charAt(i);
            int j = i;
            while (j < plain.length() && plain.charAt(j) == c) {
                j++;
            }
            if (Character.isLetter(c)) {
                out.merge(c, j - i, Math::max);
            }
            i = j;
        }
        return out;
    }

    private static String needed(Interval.Unit unit) {
        return switch (unit) {
            case YEAR -> "";
            case MONTH, QUARTER -> " and MM for the month";
            case WEEK, DAY -> ", MM for the month and dd for the day";
            case HOUR -> ", MM for the month, dd for the day and HH for the hour (00-23)";
        };
    }

    private static String example(Interval.Unit unit) {
        return switch (unit) {
            case YEAR -> "{lower:yyyy}";
            case MONTH, QUARTER -> "{lower:yyyy_MM}";
            case WEEK, DAY -> "{lower:yyyyMMdd}";
            case HOUR -> "{lower:yyyyMMdd_HH}";
        };
    }
}
