package dev.pgpart.cli.render;

import dev.pgpart.api.Health;
import dev.pgpart.archive.ArchiveEntry;
import dev.pgpart.plan.TableStatus;
import java.util.List;

/** The archived ranges of a table on the status page: one line each, with its state, rows and where it is. */
final class StatusHtmlArchives {
    private StatusHtmlArchives() {
    }

    static void archived(StringBuilder b, Health h, TableStatus t) {
        List<ArchiveEntry> mine = h.archives().stream().filter(e -> e.parent().equals(t.table())).toList();
        if (mine.isEmpty()) {
            return;
        }
        b.append("<div class=\"facts archived\"><b>archived ranges</b>");
        for (ArchiveEntry e : mine) {
            b.append("<span class=\"fact archive-").append(e.state().sql()).append("\" title=\"")
                    .append(Html.esc(e.location())).append("\">").append(Html.esc(e.bound().replaceFirst("^FOR VALUES ", "")))
                    .append(": ").append(Html.esc(e.state().sql()));
            e.rows().ifPresent(r -> b.append(", ").append(r).append(" rows"));
            b.append("</span>");
        }
        b.append("</div>\n");
    }
}
