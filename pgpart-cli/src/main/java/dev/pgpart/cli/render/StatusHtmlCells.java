package dev.pgpart.cli.render;

import static dev.pgpart.cli.render.Html.esc;

import dev.pgpart.plan.PartitionStatus;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** One cell of the status page's timeline: a partition, a gap, a folded run, or the default partition. */
final class StatusHtmlCells {
    private StatusHtmlCells() {
    }

    static void cell(StringBuilder b, TimelineCells.Cell c) {
        if (c instanceof TimelineCells.One one) {
            one(b, one.partition());
        } else if (c instanceof TimelineCells.Folded f) {
            folded(b, f);
        } else {
            throw new IllegalArgumentException("unknown timeline cell " + c);
        }
    }

    private static void one(StringBuilder b, PartitionStatus p) {
        if (p.kind() == PartitionStatus.Kind.GAP) {
            open(b, "gap", "no partition from " + p.from().orElse("MINVALUE") + " to " + p.to().orElse("MAXVALUE")
                    + ": rows there go to the default partition, or fail");
            lines(b, "gap", short_(p.from()) + " –", short_(p.to()));
            return;
        }
        String kind = p.kind().name().toLowerCase(Locale.ROOT);
        String name = p.name().map(Object::toString).orElse("");
        String rows = p.estimatedRows().isPresent() ? "~" + Text.count(p.estimatedRows().getAsLong()) + " rows (estimate)"
                : "rows not estimated (never analyzed)";
        open(b, kind + (p.managed() ? "" : " unmanaged"), name + "\n" + kind + ": FROM " + p.from().orElse("MINVALUE")
                + " TO " + p.to().orElse("MAXVALUE") + "\n" + Text.bytes(p.totalBytes()) + ", " + rows
                + (p.managed() ? "" : "\nnot created by pgpart"));
        b.append("<div class=\"b\">").append(esc(short_(p.from()))).append("</div>");
        b.append("<div class=\"s\">").append(esc(Text.bytes(p.totalBytes()))).append("</div>");
        b.append("<div class=\"r\">");
        if (p.kind() == PartitionStatus.Kind.CURRENT) {
            b.append("<span class=\"tag\">now</span> ");
        }
        b.append(p.kind() == PartitionStatus.Kind.EXPIRED ? "expired"
                : p.estimatedRows().isPresent() ? "~" + esc(Html.compact(p.estimatedRows().getAsLong())) + " rows" : "");
        b.append("</div></div>\n");
    }

    private static void folded(StringBuilder b, TimelineCells.Folded f) {
        List<PartitionStatus> ps = f.partitions();
        String kind = f.kind().name().toLowerCase(Locale.ROOT);
        Optional<String> from = ps.get(0).from();
        Optional<String> to = ps.get(ps.size() - 1).to();
        open(b, kind + " folded", ps.size() + " " + kind + " partitions FROM " + from.orElse("MINVALUE") + " TO "
                + to.orElse("MAXVALUE") + ", " + Text.bytes(f.bytes()) + " in all");
        lines(b, "… " + ps.size() + " " + kind + " partitions", short_(from) + " – " + short_(to),
                Text.bytes(f.bytes()) + (f.rows() > 0 ? " · ~" + Html.compact(f.rows()) + " rows" : ""));
    }

    static void defaultCell(StringBuilder b, long rows) {
        open(b, "default" + (rows > 0 ? " rows" : ""), rows > 0
                ? Text.rows(rows) + " in the default partition: maintain moves those a partition can take; check names the rest"
                : "the default partition is empty");
        lines(b, "default", Text.rows(rows), rows > 0 ? "need a home" : "empty");
    }

    private static void open(StringBuilder b, String classes, String title) {
        b.append("<div class=\"cell ").append(classes).append("\" title=\"").append(esc(title)).append("\">");
    }

    private static void lines(StringBuilder b, String bold, String... rest) {
        b.append("<div class=\"b\">").append(esc(bold)).append("</div>");
        for (String r : rest) {
            b.append("<div class=\"s\">").append(esc(r)).append("</div>");
        }
        b.append("</div>\n");
    }

    private static String short_(Optional<String> bound) {
        return bound.map(Html::bound).orElse("∞");
    }
}
