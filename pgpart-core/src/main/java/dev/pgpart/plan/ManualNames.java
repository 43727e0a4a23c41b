package dev.pgpart.plan;

import dev.pgpart.api.Bound;
import dev.pgpart.internal.catalog.Catalog;
import dev.pgpart.sql.QualifiedName;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The name {@code partition add} gives a partition when none is asked for: the one maintain
 * would give (pg_partman 5 style, or the table's {@code name_format}), made unique against the
 * catalog the same way ({@code _1}, {@code _2}, ...).
 */
public final class ManualNames {
    private static final Pattern DATE_TIME = Pattern.compile(
            "'?(\\d{4})-(\\d{2})-(\\d{2})(?:[ T](\\d{2}):(\\d{2}):(\\d{2})(?:\\.0+)?)?(?:\\+00(?::?00)?|Z)?'?");
    private static final Pattern NUMBER = Pattern.compile("'?(-?)(\\d+)'?");

    private ManualNames() {
    }

    /**
     * @param format the table's {@code name_format}, when it is configured with one
     * @return the name, or empty when none can be derived from the bound (the caller asks for --name)
     */
    public static Optional<QualifiedName> derive(QualifiedName parent, Optional<String> format, Bound bound,
                                                 Catalog catalog) {
        PartitionNamer namer = new PartitionNamer(parent, format);
        Optional<PartitionNamer.Template> template;
        if (bound instanceof Bound.Default) {
            template = Optional.of(namer.defaultPartition());
        } else if (bound instanceof Bound.Hash h) {
            template = Optional.of(namer.hash(h.remainder()));
        } else if (bound instanceof Bound.In in) {
            template = listSuffix(in).map(namer::list);
        } else if (bound instanceof Bound.Range r) {
            // maintain's default for ranges, {parent}_p{lower}; a name_format's {lower:PATTERN}
            // needs the configured interval, so a hand-made range always uses the default form
            template = r.from().flatMap(ManualNames::lowerSuffix)
                    .map(lower -> new PartitionNamer.Template("", parent.name(), "_p" + lower));
        } else {
            template = Optional.empty();
        }
        return template.map(t -> new NameBook(catalog).claim(parent, t));
    }

    /** {@code 2027-01-01} -> 20270101, {@code 2027-01-01 06:00:00+00} -> 20270101_060000, {@code 1000} -> 1000. */
    static Optional<String> lowerSuffix(String literal) {
        String v = literal.strip();
        Matcher d = DATE_TIME.matcher(v);
        if (d.matches()) {
            String day = d.group(1) + d.group(2) + d.group(3);
            boolean midnight = d.group(4) == null || (d.group(4) + d.group(5) + d.group(6)).equals("000000");
            return Optional.of(midnight ? day : day + "_" + d.group(4) + d.group(5) + d.group(6));
        }
        Matcher n = NUMBER.matcher(v);
        if (n.matches()) {
            return Optional.of((n.group(1).isEmpty() ? "" : "m") + n.group(2));
        }
        return Optional.empty();
    }

    /** The values, lower-cased, anything but letters and digits as {@code _}: {@code AR BR} -> ar_br. */
    private static Optional<String> listSuffix(Bound.In in) {
        String s = in.values().stream().map(v -> v.orElse("null"))
                .map(v -> v.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", "_").replaceAll("^_+|_+$", ""))
                .collect(Collectors.joining("_"));
        return s.isEmpty() ? Optional.empty() : Optional.of(s);
    }
}
