package dev.pgpart.cli.render;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The Prometheus text exposition format (version 0.0.4), written by hand: families in the order
 * they were declared, each with HELP and TYPE before its samples, families without samples left
 * out, label values escaped as the format requires.
 */
final class PromText {
    private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    private final List<Family> families = new ArrayList<>();

    /** A family of samples of one metric. */
    final class Family {
        private final String name;
        private final String type;
        private final String help;
        private final List<String> samples = new ArrayList<>();

        private Family(String name, String type, String help) {
            this.name = name;
            this.type = type;
            this.help = help;
        }

        /** One sample; {@code labels} alternate name, value. */
        Family sample(String value, String... labels) {
            if (labels.length % 2 != 0) {
                throw new IllegalArgumentException("labels of " + name + " must be name/value pairs");
            }
            StringBuilder line = new StringBuilder(name);
            if (labels.length > 0) {
                line.append('{');
                for (int i = 0; i < labels.length; i += 2) {
                    if (!LABEL_NAME.matcher(labels[i]).matches()) {
                        throw new IllegalArgumentException("not a label name: " + labels[i]);
                    }
                    line.append(i == 0 ? "" : ",").append(labels[i]).append("=\"").append(labelValue(labels[i + 1])).append('"');
                }
                line.append('}');
            }
            samples.add(line.append(' ').append(value).toString());
            return this;
        }

        Family sample(long value, String... labels) {
            return sample(Long.toString(value), labels);
        }
    }

    Family gauge(String name, String help) {
        if (!METRIC_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a metric name: " + name);
        }
        Family f = new Family(name, "gauge", help);
        families.add(f);
        return f;
    }

    void print(PrintWriter out) {
        for (Family f : families) {
            if (f.samples.isEmpty()) {
                continue;
            }
            out.print("# HELP " + f.name + " " + helpText(f.help) + "\n");
            out.print("# TYPE " + f.name + " " + f.type + "\n");
            f.samples.forEach(s -> out.print(s + "\n")); // \n, never the platform's line separator
        }
        out.flush();
    }

    /** Backslash, double quote and line feed are the three characters a label value escapes. */
    static String labelValue(String v) {
        return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    /** HELP text escapes backslash and line feed. */
    static String helpText(String v) {
        return v.replace("\\", "\\\\").replace("\n", "\\n");
    }

    /** Seconds with millisecond precision, in plain notation: {@code 12.5}, {@code -3}, {@code 1781524800}. */
    static String seconds(Duration d) {
        return BigDecimal.valueOf(d.toMillis(), 3).stripTrailingZeros().toPlainString();
    }

    /** Seconds since the Unix epoch. */
    static String seconds(Instant i) {
        return BigDecimal.valueOf(i.toEpochMilli(), 3).stripTrailingZeros().toPlainString();
    }

    /** A ratio in [0, 1], at most six decimals. */
    static String ratio(long part, long whole) {
        return BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 6, java.math.RoundingMode.HALF_EVEN)
                .stripTrailingZeros().toPlainString();
    }
}
