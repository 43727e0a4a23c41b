package dev.pgpart.spring;

import dev.pgpart.plan.Action;
import dev.pgpart.plan.Finding;
import dev.pgpart.plan.TablePlan;
import dev.pgpart.plan.TableStatus;
import dev.pgpart.state.RunLog;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * pgpart's values as plain maps of text and numbers for health details and the endpoint, so their
 * JSON does not depend on which Jackson the application has. Absent figures are left out, not null.
 */
final class Views {
    private Views() {
    }

    static Map<String, Object> status(TableStatus t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("table", t.table().toString());
        m.put("method", t.method());
        m.put("key", t.key());
        m.put("partitions", t.partitions());
        m.put("hasDefault", t.hasDefault());
        t.firstBound().ifPresent(v -> m.put("firstBound", v));
        t.lastBound().ifPresent(v -> m.put("lastBound", v));
        t.coveredUntil().ifPresent(v -> m.put("coveredUntil", v));
        t.coverageEnds().ifPresent(v -> m.put("coverageEnds", v.toString()));
        m.put("partitionsAhead", t.aheadCount());
        m.put("rowsInDefault", t.rowsInDefault());
        m.put("totalBytes", t.totalBytes());
        m.put("timeline", t.timeline());
        return m;
    }

    static Map<String, Object> finding(Finding f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("table", f.table().toString());
        m.put("kind", f.kind().name().toLowerCase(Locale.ROOT));
        m.put("severity", f.severity().name().toLowerCase(Locale.ROOT));
        m.put("message", f.message());
        return m;
    }

    static Map<String, Object> plan(TablePlan p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("table", p.table().toString());
        m.put("actions", p.actions().stream().map(Views::action).toList());
        m.put("findings", p.findings().stream().map(Views::finding).toList());
        return m;
    }

    static Map<String, Object> action(Action a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", a.type());
        m.put("partition", a.partition().toString());
        m.put("requiresConsent", a.requiresConsent());
        m.put("description", a.describe());
        return m;
    }

    static Map<String, Object> run(RunLog.Run r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("outcome", r.outcome().name().toLowerCase(Locale.ROOT));
        m.put("startedAt", r.startedAt().toString());
        r.finishedAt().ifPresent(v -> m.put("finishedAt", v.toString()));
        r.duration().ifPresent(d -> m.put("durationMillis", d.toMillis()));
        m.put("application", r.application());
        m.put("host", r.host());
        m.put("applied", r.applied());
        m.put("skipped", r.skipped());
        m.put("failed", r.failed());
        r.error().ifPresent(e -> m.put("error", e));
        return m;
    }

    static Map<String, Object> run(MaintenanceRun r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("trigger", r.trigger());
        m.put("result", r.kind().name().toLowerCase(Locale.ROOT));
        m.put("failed", r.failed());
        m.put("startedAt", r.startedAt().toString());
        m.put("durationMillis", r.elapsed().toMillis());
        m.put("message", r.message());
        return m;
    }
}
