package dev.pgpart.guard;

import java.util.List;

/**
 * The pruning analysis of one statement.
 *
 * @param sql                 the statement as explained (placeholders as the mode needs them)
 * @param params              the values it was explained with, in parameter order
 * @param tables              one entry per partitioned table the plan reads, by table name; empty
 *                            when it reads only plain tables
 * @param unattributedRemoved partitions removed at run time from an Append left with no member, so
 *                            that the table they belong to cannot be named (every one was pruned)
 * @param plan                the plan, for showing its lines
 */
public record PruningReport(String sql, List<Param> params, ExplainMode mode, int serverVersionNum, boolean analyzed,
                            List<TablePruning> tables, int unattributedRemoved, PlanNode plan) {
    public PruningReport {
        params = List.copyOf(params);
        tables = List.copyOf(tables);
    }

    /** Every table within its limit (and true when no partitioned table is read). */
    public boolean ok() {
        return tables.stream().allMatch(TablePruning::ok);
    }

    public List<TablePruning> offenders() {
        return tables.stream().filter(t -> !t.ok()).toList();
    }

    public int serverMajor() {
        return serverVersionNum / 10000;
    }
}
