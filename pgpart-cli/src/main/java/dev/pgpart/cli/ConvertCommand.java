package dev.pgpart.cli;

import dev.pgpart.api.Conversions;
import dev.pgpart.cli.render.Json;
import dev.pgpart.convert.ConvertPlan;
import dev.pgpart.api.MaintenanceListener;
import dev.pgpart.spec.ConvertSpec;
import dev.pgpart.sql.QualifiedName;
import dev.pgpart.state.Job;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;

/** {@code pgpart convert plan|run|status|undo|finalize TABLE}: a plain table into a partitioned one, online. */
@Command(name = "convert", mixinStandardHelpOptions = true,
        description = {"Converts a configured plain table (with key: in pgpart.yml) into a partitioned table under the same"
                + " name, online and resumable. See docs/guide-convert.md."},
        subcommands = {ConvertCommand.PlanCmd.class, ConvertCommand.RunCmd.class, ConvertCommand.StatusCmd.class,
                ConvertCommand.UndoCmd.class, ConvertCommand.FinalizeCmd.class})
final class ConvertCommand implements Runnable {
    @ParentCommand
    Main main;

    @CommandLine.Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing subcommand: plan, run, status, undo or finalize");
    }

    Conversions conversions() {
        return main.pgpart(main.spec(true), MaintenanceListener.NONE).conversions();
    }

    static Optional<ConvertSpec.Strategy> strategy(String text, CommandSpec spec) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(ConvertSpec.Strategy.valueOf(text.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--strategy '" + text + "' is not one of attach or copy");
        }
    }

    static Map<String, Object> planView(ConvertPlan p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("table", p.table().toString());
        m.put("strategy", p.strategy().text());
        m.put("ready", p.ready());
        m.put("boundary", p.boundary().orElse(null));
        m.put("phases", p.phases());
        m.put("carried", p.carried());
        m.put("blockers", p.blockers());
        m.put("warnings", p.warnings());
        m.put("estimated_seconds", p.estimatedTime().toSeconds());
        m.put("extra_bytes", p.extraBytes());
        return m;
    }

    static void printPlan(PrintWriter out, ConvertPlan p) {
        out.println("convert " + p.table() + " (strategy " + p.strategy().text() + ")" + p.boundary().map(b -> ": rows below "
                + b + " stay in the old table").orElse(""));
        for (ConvertPlan.Phase phase : p.phases()) {
            out.println();
            out.println("phase " + phase.name() + "  [locks: " + phase.locks() + "]");
            phase.statements().forEach(s -> out.println("  " + s + (s.startsWith("--") ? "" : ";")));
        }
        out.println();
        out.println("carried over:");
        p.carried().forEach(c -> out.println("  - " + c));
        if (!p.warnings().isEmpty()) {
            out.println("warnings (not blocking):");
            p.warnings().forEach(w -> out.println("  - " + w));
        }
        out.println("estimated time: about " + p.estimatedTime().toSeconds() + "s; extra disk: about " + p.extraBytes() + " bytes");
        if (p.ready()) {
            out.println("ready: run pgpart convert run " + p.table() + " --cutover");
        } else {
            out.println("blocked:");
            p.blockers().forEach(b -> out.println("  - " + b.problem() + "\n    fix: " + b.fix()));
        }
        out.flush();
    }

    static Map<String, Object> jobView(Optional<Job> job) {
        Map<String, Object> m = new LinkedHashMap<>();
        job.ifPresent(j -> {
            m.put("id", j.id());
            m.put("state", j.state().name().toLowerCase(Locale.ROOT));
            m.put("phase", j.phase());
            m.put("done", j.done());
            m.put("total", j.total().isPresent() ? j.total().getAsLong() : null);
            m.put("unit", j.unit());
            m.put("boundary", j.checkpoint().get("boundary"));
            m.put("heartbeat", j.heartbeat().toString());
            m.put("error", j.error().orElse(null));
        });
        return m;
    }

    @Command(name = "plan", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Read-only preflight: every phase and SQL statement, what is carried over, estimated time and"
                    + " extra disk, and every blocker with its fix.", "Exits 0 when ready, 3 when something blocks, 2 on config errors."})
    static final class PlanCmd implements Callable<Integer> {
        @ParentCommand
        ConvertCommand parent;
        @CommandLine.Spec
        CommandSpec spec;
        @Parameters(paramLabel = "TABLE", converter = Converters.TableName.class, description = "A configured table.")
        QualifiedName table;
        @Option(names = "--strategy", paramLabel = "attach|copy", description = "Overrides convert: strategy (default attach).")
        String strategy;
        @Mixin
        JsonOption json = new JsonOption();

        @Override
        public Integer call() {
            ConvertPlan p = parent.conversions().plan(table, strategy(strategy, spec));
            if (json.on()) {
                new Json().value(parent.main.out(), planView(p));
            } else {
                printPlan(parent.main.out(), p);
            }
            return p.ready() ? ExitCodes.OK : ExitCodes.ATTENTION;
        }
    }

    @Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Starts or resumes the conversion and runs it up to 'ready for cut-over'; with --cutover (or"
                    + " cutover: auto) it also swaps.", "Exits 0 when done, 3 when a blocker stops it (nothing changed), 1 on failure"
                    + " (run it again to resume), 2 on config errors."})
    static final class RunCmd implements Callable<Integer> {
        @ParentCommand
        ConvertCommand parent;
        @CommandLine.Spec
        CommandSpec spec;
        @Parameters(paramLabel = "TABLE", converter = Converters.TableName.class, description = "A configured table.")
        QualifiedName table;
        @Option(names = "--strategy", paramLabel = "attach|copy", description = "Overrides convert: strategy (default attach); a resumed job keeps its own.")
        String strategy;
        @Option(names = "--cutover", description = "Swap when ready (the short ACCESS EXCLUSIVE transaction).")
        boolean cutover;
        @Option(names = "--max-rows-per-second", paramLabel = "N", description = "Throttle for phases that move rows.")
        Long rate;
        @Mixin
        JsonOption json = new JsonOption();

        @Override
        public Integer call() {
            if (rate != null && rate < 1) {
                throw new ParameterException(spec.commandLine(), "--max-rows-per-second must be at least 1, got " + rate);
            }
            Conversions.Outcome o = parent.conversions().run(table, strategy(strategy, spec), cutover, Optional.ofNullable(rate),
                    new ConvertProgress(parent.main.err()));
            PrintWriter out = parent.main.out();
            if (json.on()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("table", table.toString());
                m.put("started", o.job().isPresent());
                m.put("swapped", o.swapped() && o.job().isPresent());
                m.put("job", jobView(o.job()));
                m.put("plan", planView(o.plan()));
                new Json().value(out, m);
            } else if (o.job().isEmpty()) {
                printPlan(out, o.plan());
                out.println("nothing was changed");
            } else {
                out.println(table + ": " + (o.swapped() ? "converted: " + table + " is partitioned now; check it with pgpart check,"
                        + " then pgpart convert finalize " + table + " --yes" : "ready for cut-over: run pgpart convert run " + table
                        + " --cutover"));
            }
            out.flush();
            return o.job().isPresent() ? ExitCodes.OK : ExitCodes.ATTENTION;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Phase, progress, last error of the table's conversion.", "Exits 0."})
    static final class StatusCmd implements Callable<Integer> {
        @ParentCommand
        ConvertCommand parent;
        @Parameters(paramLabel = "TABLE", converter = Converters.TableName.class, description = "A configured table.")
        QualifiedName table;
        @Mixin
        JsonOption json = new JsonOption();

        @Override
        public Integer call() {
            Conversions.Status s = parent.conversions().status(table);
            String stage = s.converted() ? "converted" : s.readyForCutover() ? "ready_for_cutover"
                    : s.job().map(j -> j.state() == Job.State.CANCELLED ? "not_started" : "running").orElse("not_started");
            if (s.job().map(j -> j.state() == Job.State.FAILED).orElse(false)) {
                stage = "failed";
            }
            PrintWriter out = parent.main.out();
            if (json.on()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("table", table.toString());
                m.put("stage", stage);
                m.put("strategy", s.job().map(j -> j.params().get("strategy")).orElse(null));
                m.put("phase", s.job().map(Job::phase).orElse(null));
                m.put("rows_done", s.job().map(Job::done).orElse(null));
                m.put("rows_total", s.job().filter(j -> j.total().isPresent()).map(j -> j.total().getAsLong()).orElse(null));
                m.put("rows_per_second", s.rowsPerSecond().map(r -> Math.round(r * 10) / 10.0).orElse(null));
                m.put("eta_seconds", s.eta().map(Duration::toSeconds).orElse(null));
                m.put("sync_lag_seconds", s.syncLag().map(Duration::toSeconds).orElse(null));
                m.put("last_error", s.job().flatMap(Job::error).orElse(null));
                m.put("job", jobView(s.job()));
                new Json().value(out, m);
            } else {
                out.println(table + ": " + stage.replace('_', ' ') + s.job().map(j -> " (job #" + j.id() + ", "
                        + j.params().getOrDefault("strategy", "?") + ", phase " + j.phase() + ", "
                        + j.state().name().toLowerCase(Locale.ROOT) + ")").orElse(""));
                s.job().filter(j -> j.total().isPresent()).ifPresent(j -> out.println("  " + j.done() + " / " + j.total().getAsLong()
                        + " " + j.unit() + s.rowsPerSecond().map(r -> ", " + Math.round(r) + " " + j.unit() + "/s").orElse("")
                        + s.eta().map(e -> ", ETA " + e.toSeconds() + "s").orElse("")));
                s.syncLag().ifPresent(l -> out.println("  sync lag: " + l.toSeconds() + "s (the sync triggers write in the"
                        + " application's own transaction)"));
                s.job().flatMap(Job::error).ifPresent(e -> out.println("  last error: " + e));
                out.flush();
            }
            return ExitCodes.OK;
        }
    }

    abstract static class Cleanup implements Callable<Integer> {
        @ParentCommand
        ConvertCommand parent;
        @Parameters(paramLabel = "TABLE", converter = Converters.TableName.class, description = "A configured table.")
        QualifiedName table;
        @Option(names = "--yes", description = "Do it; without it, print what would be done and exit 3.")
        boolean yes;
        @Mixin
        JsonOption json = new JsonOption();

        abstract Conversions.Cleanup apply(Conversions c);

        @Override
        public Integer call() {
            Conversions.Cleanup r = apply(parent.conversions());
            PrintWriter out = parent.main.out();
            if (json.on()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("table", table.toString());
                m.put("applied", r.applied());
                m.put("statements", r.statements());
                new Json().value(out, m);
            } else {
                out.println(table + ": " + (r.applied() ? "done" : "would do (run again with --yes)") + ":");
                List<String> what = r.statements().isEmpty() ? List.of("nothing left to drop") : r.statements();
                what.forEach(s -> out.println("  " + s));
                out.flush();
            }
            return r.applied() ? ExitCodes.OK : ExitCodes.ATTENTION;
        }
    }

    @Command(name = "undo", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Back to the original table with every write made since, from any phase until finalize: attach"
                    + " before the swap drops the checks and index the conversion added, after it makes the history partition"
                    + " the plain table again in one short transaction; copy drops the new table (after the swap, swaps back"
                    + " first). Cancels the job.", "Without --yes, prints what it would do and exits 3."})
    static final class UndoCmd extends Cleanup {
        @Override
        Conversions.Cleanup apply(Conversions c) {
            return c.undo(table, yes);
        }
    }

    @Command(name = "finalize", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"After the swap: drops what is left of the conversion (copy: the kept original and its reverse"
                    + " sync trigger and function) and its job state.",
                    "Without --yes, prints what it would drop and exits 3."})
    static final class FinalizeCmd extends Cleanup {
        @Override
        Conversions.Cleanup apply(Conversions c) {
            return c.finalizeConversion(table, yes);
        }
    }
}
