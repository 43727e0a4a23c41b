package dev.pgpart.cli;

import dev.pgpart.ErrorCode;
import dev.pgpart.PgpartException;
import dev.pgpart.api.Health;
import dev.pgpart.cli.render.Prometheus;
import dev.pgpart.api.MaintenanceListener;
import dev.pgpart.spec.Spec;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code pgpart metrics}: status, check and the run history as Prometheus gauges. */
@Command(name = "metrics", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Prints per-table partitions, partitions ahead, seconds until coverage ends, rows in the default"
                + " partition, check's problems, the last run and the last successful run, and job progress, in the"
                + " Prometheus text format (for node-exporter's textfile collector or a sidecar). Read-only.",
                "Exits 0 when the figures were read (problems are figures, not an error); 1 when the database"
                        + " could not be read (it then prints pgpart_up 0). Every metric: docs/cli.md."})
final class MetricsCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Override
    public Integer call() {
        Spec spec = main.spec(true);
        long started = System.nanoTime(); // elapsed time, not the (injectable) wall clock
        Health health;
        try {
            health = main.pgpart(spec, MaintenanceListener.NONE).health(main.clock().instant(), 1);
        } catch (PgpartException e) {
            if (e.code() != ErrorCode.CONFIG) {
                new Prometheus().down(main.out(), since(started));
            }
            throw e;
        }
        new Prometheus().write(main.out(), health, since(started));
        return ExitCodes.OK;
    }

    private static Duration since(long nanoTime) {
        return Duration.ofNanos(System.nanoTime() - nanoTime);
    }
}
