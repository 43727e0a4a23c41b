package dev.pgpart.testkit;

import dev.pgpart.guard.PlanOutline;
import dev.pgpart.guard.PruningReport;
import dev.pgpart.guard.TablePruning;
import java.util.Set;
import java.util.stream.Collectors;

/** Failure text shared by the assertion and the extension: the statement, the offending tables, the plan lines that lead to them. */
final class Reports {
    private Reports() {
    }

    static String statement(PruningReport r) {
        String values = r.params().isEmpty() ? "" : "\n   values: " + r.params().stream()
                .map(dev.pgpart.guard.Param::display).collect(Collectors.joining(", "));
        return r.sql() + values + "\n   (" + r.mode().description() + ", PostgreSQL " + r.serverMajor() + ")";
    }

    static String offenders(PruningReport r) {
        StringBuilder sb = new StringBuilder();
        for (TablePruning t : r.offenders()) {
            sb.append("\n   ").append(t.summary()).append("\n     scanned: ")
                    .append(t.scanned().stream().map(Object::toString).collect(Collectors.joining(", ")));
        }
        Set<dev.pgpart.sql.QualifiedName> leaves = r.offenders().stream().flatMap(t -> t.scanned().stream())
                .collect(Collectors.toSet());
        sb.append("\n   plan lines:");
        PlanOutline.linesFor(r.plan(), leaves).forEach(l -> sb.append("\n     ").append(l));
        return sb.toString();
    }
}
