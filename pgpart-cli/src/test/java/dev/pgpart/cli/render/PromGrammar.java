package dev.pgpart.cli.render;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reading of the Prometheus text format, without a parser library: every line is a HELP,
 * a TYPE or a sample; a family's HELP and TYPE come before its samples, once; a family's samples are
 * together; no series appears twice. Returns the samples, as {@code name{labels}} to value.
 */
public final class PromGrammar {
    private static final String NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
    private static final String LABEL_VALUE = "\"(?:[^\"\\\\\\n]|\\\\[\\\\\"n])*\"";
    private static final String LABEL = "[a-zA-Z_][a-zA-Z0-9_]*=" + LABEL_VALUE;
    private static final String VALUE = "[+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?|[+-]?Inf|NaN";
    private static final Pattern HELP = Pattern.compile("# HELP (" + NAME + ") (?:[^\\\\\\n]|\\\\[\\\\n])*");
    private static final Pattern TYPE = Pattern.compile("# TYPE (" + NAME + ") (counter|gauge|histogram|summary|untyped)");
    private static final Pattern SAMPLE = Pattern.compile("(" + NAME + ")(\\{(?:" + LABEL + "(?:," + LABEL + ")*)?\\})? (" + VALUE + ")");

    private PromGrammar() {
    }

    public static Map<String, String> samples(String text) {
        if (!text.endsWith("\n")) {
            throw new AssertionError("the exposition must end with a line feed");
        }
        Map<String, String> samples = new LinkedHashMap<>();
        Set<String> helped = new HashSet<>();
        Set<String> typed = new HashSet<>();
        Set<String> closed = new HashSet<>();
        String current = "";
        for (String line : text.substring(0, text.length() - 1).split("\n", -1)) {
            Matcher m;
            if ((m = HELP.matcher(line)).matches()) {
                require(helped.add(m.group(1)), "second HELP: " + line);
                current = switchTo(current, m.group(1), closed);
            } else if ((m = TYPE.matcher(line)).matches()) {
                require(typed.add(m.group(1)), "second TYPE: " + line);
                require(helped.contains(m.group(1)), "TYPE without HELP before it: " + line);
                require(m.group(1).equals(current), "TYPE of another family than its HELP: " + line);
            } else if ((m = SAMPLE.matcher(line)).matches()) {
                require(m.group(1).equals(current) && typed.contains(current), "sample without its HELP and TYPE before it: " + line);
                require(samples.put(m.group(1) + (m.group(2) == null ? "" : m.group(2)), m.group(3)) == null, "duplicate series: " + line);
            } else {
                throw new AssertionError("not a line of the text format: " + line);
            }
        }
        return samples;
    }

    private static String switchTo(String current, String next, Set<String> closed) {
        if (!current.isEmpty()) {
            closed.add(current);
        }
        require(!closed.contains(next), "family " + next + " appears twice");
        return next;
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new AssertionError(message);
        }
    }
}
