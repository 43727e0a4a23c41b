package dev.pgpart.spec;

import java.time.Duration;

/**
 * How pgpart keeps its own state and when monitoring should worry, from the top level of
 * pgpart.yml (docs/config.md, "Operations").
 *
 * @param stateSchema          schema of run history and jobs ({@code state_schema})
 * @param keepRuns             run history kept: the newest runs ({@code history_keep_runs}) ...
 * @param keepDays             ... and runs of the last days ({@code history_keep_days}); both bound it
 * @param maxMaintenanceAge    {@code check} reports a problem when no maintain succeeded for longer
 * @param coverageWarning      {@code check} reports a problem when a table's partitions end within this
 *                             many intervals from now, whatever premake says ({@code coverage_warning_intervals})
 * @param jobStuckAfter        a running job whose heartbeat is older than this is reported as stuck
 */
public record Operations(String stateSchema, int keepRuns, int keepDays, Duration maxMaintenanceAge,
                         int coverageWarning, Duration jobStuckAfter) {
    public static final Operations DEFAULTS = new Operations("pgpart", 1000, 90, Duration.ofDays(2), 1,
            Duration.ofMinutes(15));
}
