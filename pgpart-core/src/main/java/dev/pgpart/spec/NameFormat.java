package dev.pgpart.spec;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
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
        String needed = neededLetters(unit);
        String letters = pattern.replaceAll("'[^']*'", "");
        if (letters.chars().noneMatch(c -> needed.indexOf(c) >= 0)) {
            problems.add(at, path, "name_format pattern '" + pattern + "' cannot tell apart partitions " + interval
                    + " wide", "include one of the pattern letters " + needed + ", e.g. yyyyMMdd" + (unit == Interval.Unit.HOUR ? "HH" : ""));
        }
    }

    /** Pattern letters that change at least once per interval unit. */
    private static String neededLetters(Interval.Unit unit) {
        switch (unit) {
            case HOUR:
                return "HkKh";
            case DAY:
            case WEEK:
                return "dDw";
            case MONTH:
                return "MLdDw";
            case QUARTER:
                return "QqMLdDw";
            default:
                return "yuYQqMLdDw";
        }
    }
}
