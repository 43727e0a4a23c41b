package dev.pgpart.cli.render;

import dev.pgpart.api.Bound;
import dev.pgpart.api.Outcome;
import dev.pgpart.plan.Action;
import dev.pgpart.plan.BoundText;
import dev.pgpart.plan.CreateDefaultPartition;
import dev.pgpart.plan.CreatePartition;
import dev.pgpart.plan.DetachPartition;
import dev.pgpart.plan.DropPartition;
import dev.pgpart.plan.FinalizeDetach;
import dev.pgpart.sql.QualifiedName;
import java.time.Duration;
import java.util.Locale;

/** Small formatting helpers shared by the text and JSON renderers. */
public final class Text {
    private static final String[] UNITS = {"B", "kB", "MB", "GB", "TB", "PB"};

    private Text() {
    }

    /** The stable action type used in text and JSON: create, create-default, detach, drop, finalize-detach. */
    public static String type(Action a) {
        return a.type();
    }

    /** The bound an action concerns, when it has one. */
    public static java.util.Optional<Bound> bound(Action a) {
        return a.accept(new Action.Visitor<>() {
            @Override
            public java.util.Optional<Bound> create(CreatePartition c) {
                return java.util.Optional.of(c.bound());
            }

            @Override
            public java.util.Optional<Bound> createDefault(CreateDefaultPartition c) {
                return java.util.Optional.of(new Bound.Default());
            }

            @Override
            public java.util.Optional<Bound> detach(DetachPartition d) {
                return java.util.Optional.of(d.bound());
            }

            @Override
            public java.util.Optional<Bound> drop(DropPartition d) {
                return java.util.Optional.of(d.bound());
            }

            @Override
            public java.util.Optional<Bound> finalizeDetach(FinalizeDetach f) {
                return java.util.Optional.empty();
            }

            @Override
            public java.util.Optional<Bound> archive(dev.pgpart.plan.ArchivePartition a) {
                return java.util.Optional.of(a.bound());
            }
        });
    }

    /** {@code FROM ('a') TO ('b')}: the bound without its {@code FOR VALUES} prefix. */
    public static String bound(Bound b) {
        if (b instanceof Bound.Unparsed u) {
            return u.text();
        }
        String s = BoundText.of(b);
        return s.startsWith("FOR VALUES ") ? s.substring("FOR VALUES ".length()) : s;
    }

    /** A child's name, schema-qualified only when it lives elsewhere than its parent. */
    public static String child(QualifiedName parent, QualifiedName child) {
        return child.schema().equals(parent.schema()) ? dev.pgpart.sql.Sql.identIfNeeded(child.name()) : child.toString();
    }

    public static String outcome(Outcome o) {
        return o.name().toLowerCase(Locale.ROOT);
    }

    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    public static String rows(long n) {
        return count(n) + (n == 1 ? " row" : " rows");
    }

    public static String plural(long n, String word) {
        return count(n) + " " + word + (n == 1 ? "" : "s");
    }

    /** {@code 0 B}, {@code 812 kB}, {@code 1.4 GB}: powers of 1024, as pg_size_pretty. */
    public static String bytes(long bytes) {
        double v = bytes;
        int unit = 0;
        while (v >= 1024 && unit < UNITS.length - 1) {
            v /= 1024;
            unit++;
        }
        if (unit == 0) {
            return bytes + " B";
        }
        return (v < 10 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%.0f", v)) + " " + UNITS[unit];
    }

    /** {@code 35ms}, {@code 2.4s}, {@code 3m 05s}. */
    public static String duration(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + "ms";
        }
        if (ms < 60_000) {
            return String.format(Locale.ROOT, "%.1fs", ms / 1000.0);
        }
        return String.format(Locale.ROOT, "%dm %02ds", ms / 60_000, (ms / 1000) % 60);
    }
}
