package dev.pgpart.cli.render;

import static dev.pgpart.cli.render.Html.esc;

import dev.pgpart.api.Health;
import dev.pgpart.state.Job;
import dev.pgpart.state.RunLog;
import java.time.Duration;
import java.util.Locale;

/** The status page's run history and jobs tables. */
final class StatusHtmlRuns {
    private final StringBuilder b;
    private final Health h;

    StatusHtmlRuns(StringBuilder b, Health h) {
        this.b = b;
        this.h = h;
    }

    StatusHtmlRuns runs() {
        b.append("<h3>Recent maintain runs</h3>\n");
        if (!h.recorded()) {
            b.append("<p class=\"empty\">No run history: the state schema does not exist yet (the first maintain creates it).</p>\n");
            return this;
        }
        if (h.runs().isEmpty()) {
            b.append("<p class=\"empty\">No maintain run is recorded yet.</p>\n");
            return this;
        }
        b.append("<table>\n<tr><th class=\"n\">run</th><th>started</th><th class=\"n\">took</th><th>outcome</th>"
                + "<th class=\"n\">applied</th><th class=\"n\">skipped</th><th class=\"n\">failed</th>"
                + "<th class=\"n\">rows moved</th><th>where</th><th>error</th></tr>\n");
        for (RunLog.Run r : h.runs()) {
            String outcome = r.outcome().name().toLowerCase(Locale.ROOT);
            b.append("<tr><td class=\"n\">").append(r.id()).append("</td><td>").append(esc(Html.time(r.startedAt())))
                    .append("</td><td class=\"n\">").append(esc(r.duration().map(Text::duration).orElse("running")))
                    .append("</td><td><span class=\"badge ").append(outcome).append("\">").append(outcome.replace('_', ' '))
                    .append("</span></td><td class=\"n\">").append(r.applied()).append("</td><td class=\"n\">").append(r.skipped())
                    .append("</td><td class=\"n\">").append(r.failed()).append("</td><td class=\"n\">").append(Text.count(r.rowsMoved()))
                    .append("</td><td>").append(esc(r.host() + " · " + r.application())).append("</td><td class=\"err\">")
                    .append(esc(r.error().map(StatusHtmlRuns::firstLine).orElse(""))).append("</td></tr>\n");
        }
        b.append("</table>\n");
        return this;
    }

    StatusHtmlRuns jobs() {
        if (h.jobs().isEmpty()) {
            return this;
        }
        b.append("<h3>Jobs</h3>\n<table>\n<tr><th class=\"n\">job</th><th>kind</th><th>target</th><th>state</th>"
                + "<th>phase</th><th>progress</th><th>last heartbeat</th><th>error</th></tr>\n");
        for (Job j : h.jobs()) {
            String state = j.state().name().toLowerCase(Locale.ROOT);
            b.append("<tr><td class=\"n\">").append(j.id()).append("</td><td>").append(esc(j.kind())).append("</td><td>")
                    .append(esc(j.target())).append("</td><td><span class=\"badge ").append(state).append("\">").append(state)
                    .append("</span></td><td>").append(esc(j.phase())).append("</td><td>");
            progress(j);
            b.append("</td><td>").append(esc(Html.span(Duration.between(j.heartbeat(), h.at())))).append(" ago</td><td class=\"err\">")
                    .append(esc(j.error().map(StatusHtmlRuns::firstLine).orElse(""))).append("</td></tr>\n");
        }
        b.append("</table>\n");
        return this;
    }

    private void progress(Job j) {
        if (j.total().isPresent() && j.total().getAsLong() > 0) {
            long total = j.total().getAsLong();
            long pct = Math.min(100, j.done() * 100 / total);
            b.append("<span class=\"bar\"><i style=\"width:").append(pct).append("%\"></i></span>");
            b.append(esc(Text.count(j.done()) + " / " + Text.count(total) + " " + j.unit()));
        } else {
            b.append(esc(Text.count(j.done()) + " " + j.unit()));
        }
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
