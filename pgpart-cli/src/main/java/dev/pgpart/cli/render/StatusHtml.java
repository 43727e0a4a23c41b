package dev.pgpart.cli.render;

import static dev.pgpart.cli.render.Html.esc;

import dev.pgpart.api.Health;
import dev.pgpart.plan.Finding;
import dev.pgpart.plan.PartitionStatus;
import dev.pgpart.plan.TableStatus;
import dev.pgpart.sql.QualifiedName;
import dev.pgpart.state.Job;
import dev.pgpart.state.RunLog;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code pgpart status --html FILE}: one self-contained page (inline CSS, no script, nothing
 * fetched) with, per table, a timeline of its partitions, then pgpart's own findings, the recent
 * runs and the jobs. Every string from the database or the configuration is escaped.
 */
public final class StatusHtml {
    public String render(Health h) {
        StringBuilder b = new StringBuilder(16_384);
        b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>pgpart status ").append(esc(Html.time(h.at()))).append("</title>\n")
                .append("<style>\n").append(StatusHtmlCss.CSS).append("</style>\n</head>\n<body>\n<main>\n");
        header(b, h);
        h.tables().forEach(t -> table(b, h, t));
        pgpartFindings(b, h);
        new StatusHtmlRuns(b, h).runs().jobs();
        b.append("</main>\n</body>\n</html>\n");
        return b.toString();
    }

    private static void header(StringBuilder b, Health h) {
        int problems = h.problems().size();
        b.append("<h1>pgpart status</h1>\n<p class=\"summary\">at <b>").append(esc(Html.time(h.at()))).append("</b> · ")
                .append(Text.plural(h.tables().size(), "table")).append(" · ")
                .append(problems == 0 ? "<b style=\"color:var(--ok)\">healthy</b>"
                        : "<b style=\"color:var(--bad)\">" + Text.plural(problems, "problem") + "</b>")
                .append(" · ");
        if (h.lastSuccess().isPresent()) {
            RunLog.Run ok = h.lastSuccess().get();
            var at = ok.finishedAt().orElse(ok.startedAt());
            b.append("last successful maintain <b>").append(esc(Html.time(at))).append("</b> (")
                    .append(Html.span(Duration.between(at, h.at()))).append(" ago)");
        } else {
            b.append("<b style=\"color:var(--bad)\">no successful maintain recorded</b>");
        }
        b.append("</p>\n<div class=\"legend\">");
        for (String[] l : new String[][] {{"past", "past"}, {"current", "current (holds now)"}, {"ahead", "ahead (premade)"},
                {"expired", "expired (past retention)"}, {"gap", "gap"}, {"default", "default partition"},
                {"unmanaged", "not created by pgpart"}}) {
            b.append("<span><i class=\"").append(l[0]).append("\"></i>").append(l[1]).append("</span>");
        }
        b.append("</div>\n");
    }

    private static void table(StringBuilder b, Health h, TableStatus t) {
        b.append("<section class=\"card\">\n<h2>").append(esc(t.table().toString())).append("<small>")
                .append(esc(t.method().toLowerCase(Locale.ROOT)));
        if (!t.key().isEmpty()) {
            b.append(" on ").append(esc(t.key()));
        }
        b.append("</small></h2>\n");
        facts(b, h, t);
        b.append("<div class=\"timeline\">\n");
        TimelineCells.of(t.ranges()).forEach(c -> StatusHtmlCells.cell(b, c));
        if (t.hasDefault()) {
            StatusHtmlCells.defaultCell(b, t.rowsInDefault());
        }
        if (t.ranges().isEmpty() && !t.hasDefault()) {
            b.append("<span class=\"empty\">").append(t.partitions() == 0 ? "no partitions"
                    : "no timeline: " + esc(t.method().toLowerCase(Locale.ROOT)) + " partitions have no order").append("</span>");
        }
        b.append("</div>\n");
        StatusHtmlArchives.archived(b, h, t);
        // check's findings, not status's: the page shows what check reports, each once
        findings(b, h.findings().stream().filter(f -> f.table().equals(t.table())).toList());
        b.append("</section>\n");
    }

    private static void facts(StringBuilder b, Health h, TableStatus t) {
        b.append("<div class=\"facts\">");
        fact(b, "", "partitions", t.partitions() + (t.hasDefault() ? " + default" : ""));
        if ("RANGE".equalsIgnoreCase(t.method())) {
            fact(b, "", "ahead", Integer.toString(t.aheadCount()));
            if (t.coveredUntil().isEmpty()) {
                fact(b, "bad", "covered until", "NOT COVERED");
            } else {
                String until = Html.bound(t.coveredUntil().get());
                String in = t.coverageEnds().map(e -> " (in " + Html.span(Duration.between(h.at(), e)) + ")").orElse("");
                fact(b, "", "covered until", until + in);
            }
            long gaps = t.ranges().stream().filter(r -> r.kind() == PartitionStatus.Kind.GAP).count();
            long expired = t.ranges().stream().filter(r -> r.kind() == PartitionStatus.Kind.EXPIRED).count();
            if (gaps > 0) {
                fact(b, "bad", "gaps", Long.toString(gaps));
            }
            if (expired > 0) {
                fact(b, "warn", "expired", Long.toString(expired));
            }
        }
        if (t.hasDefault()) {
            fact(b, t.rowsInDefault() > 0 ? "warn" : "", "rows in default", Text.count(t.rowsInDefault()));
        }
        fact(b, "", "size", Text.bytes(t.totalBytes()));
        t.distribution().ifPresent(d -> fact(b, "", "citus", d.describe()));
        b.append("</div>\n");
    }

    private static void fact(StringBuilder b, String cls, String label, String value) {
        b.append("<span").append(cls.isEmpty() ? "" : " class=\"" + cls + "\"").append(">").append(esc(label))
                .append(" <b>").append(esc(value)).append("</b></span>");
    }

    static void findings(StringBuilder b, List<Finding> findings) {
        if (findings.isEmpty()) {
            return;
        }
        b.append("<ul class=\"findings\">\n");
        for (Finding f : findings) {
            boolean note = f.severity() == Finding.Severity.NOTE;
            b.append("<li").append(note ? " class=\"note\"" : "").append("><b>").append(note ? "note" : "problem")
                    .append("</b>").append(esc(f.message())).append("</li>\n");
        }
        b.append("</ul>\n");
    }

    /** Findings about pgpart itself (stale maintenance, failed runs, jobs): those about no configured table. */
    private static void pgpartFindings(StringBuilder b, Health h) {
        Set<QualifiedName> tables = h.tables().stream().map(TableStatus::table).collect(Collectors.toSet());
        Map<QualifiedName, List<Finding>> other = h.findings().stream().filter(f -> !tables.contains(f.table()))
                .collect(Collectors.groupingBy(Finding::table, LinkedHashMap::new, Collectors.toList()));
        if (other.isEmpty()) {
            return;
        }
        b.append("<h3>Maintenance and jobs</h3>\n<section class=\"card\">\n");
        other.forEach((subject, list) -> {
            b.append("<div><b>").append(esc(subject.toString())).append("</b></div>\n");
            findings(b, list);
        });
        b.append("</section>\n");
    }
}
