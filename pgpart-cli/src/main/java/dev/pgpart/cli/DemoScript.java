package dev.pgpart.cli;

import dev.pgpart.cli.render.Style;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/** The demo's steps: a header explaining each, the command line, its output and exit code. */
final class DemoScript {
    /** Runs one pgpart command line in-process and returns its exit code. */
    @FunctionalInterface
    interface Cli {
        int run(List<String> args);
    }

    private record Step(String title, String explanation, List<String> args, List<Integer> expected) {
    }

    private final PrintWriter out;
    private final Style style;
    private final Cli cli;
    private final Path config;
    private final String later;

    /** @param later an instant three months ahead, for the premake step ({@code --at}) */
    DemoScript(PrintWriter out, Style style, Cli cli, Path config, String later) {
        this.out = out;
        this.style = style;
        this.cli = cli;
        this.config = config;
        this.later = later;
    }

    private List<Step> steps() {
        return List.of(
                new Step("1. plan: what would maintenance do?",
                        "Nothing is changed. pgpart compares pgpart.yml with the catalog: it matches partitions by bounds,"
                                + " not names, so the two hand-made months count as present.",
                        List.of("plan"), List.of(0)),
                new Step("2. maintain: create what is missing, propose what has expired",
                        "Each new partition is created detached, the rows of its range are moved out of orders_default in"
                                + " the same transaction, then it is attached: the parent never takes an ACCESS EXCLUSIVE"
                                + " lock, and no row is lost. The month an earlier run made is past the 21-month retention:"
                                + " it would be dropped, but only with consent, so it is skipped and the exit code is 3."
                                + " The two hand-made months are never touched.",
                        List.of("maintain"), List.of(3)),
                new Step("3. maintain --yes: retention is applied",
                        "The expired partition is detached (so the parent keeps a light lock), then dropped. Run it"
                                + " again and it has nothing to do.",
                        List.of("maintain", "--yes"), List.of(0)),
                new Step("4. before a freeze: premake as of three months later",
                        "--at creates partitions as if it were then. Retention still counts from the real clock, so"
                                + " even with --yes a future --at never drops a partition that holds today's rows.",
                        List.of("maintain", "--yes", "--at", later), List.of(0)),
                new Step("5. status: what the tables look like now",
                        "Partitions, bounds, how far ahead time is covered, rows left in default partitions, sizes.",
                        List.of("status"), List.of(0)),
                new Step("6. check: what cron and monitoring run",
                        "One line per problem and exit code 3 when there is any, 0 when healthy. Here the 'latam' rows are"
                                + " not covered by the list configuration and wait in orders_by_region_default.",
                        List.of("check"), List.of(0, 3)));
    }

    int run() {
        for (Step step : steps()) {
            out.println();
            out.println(style.bold("== " + step.title()));
            out.println(style.dim(step.explanation()));
            out.println("$ pgpart " + String.join(" ", step.args()));
            out.flush();
            List<String> args = new java.util.ArrayList<>(List.of("--config", config.toString()));
            args.addAll(step.args());
            int code = cli.run(args);
            out.println(style.dim("(exit code " + code + ")"));
            out.flush();
            if (!step.expected().contains(code)) {
                out.println(style.bad("The demo stopped: 'pgpart " + String.join(" ", step.args())
                        + "' exited with " + code + " (see the message above)."));
                return code == ExitCodes.OK ? ExitCodes.FAILURE : code;
            }
        }
        return ExitCodes.OK;
    }

    static void printNextSteps(PrintWriter out, Style style) {
        out.println();
        out.println(style.bold("== Your turn"));
        out.println("Point pgpart at a real database and write a pgpart.yml for its tables (docs/config.md):");
        out.println("  export PGPART_URL='jdbc:postgresql://host:5432/db?user=app'   # PGPART_PASSWORD for the password");
        out.println("  ./pgpart plan                 # read-only: what would happen");
        out.println("  ./pgpart maintain --yes       # do it; put it in cron / a Kubernetes CronJob");
        out.println("  ./pgpart check                # monitoring: exit 3 when something needs a human");
        out.println("See docs/guide-maintenance.md for the full walk-through.");
    }

    static void indent(PrintWriter out, String text) {
        text.lines().forEach(l -> out.println("    " + l));
    }
}
