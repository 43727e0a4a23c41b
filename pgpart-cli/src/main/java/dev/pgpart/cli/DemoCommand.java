package dev.pgpart.cli;

import dev.pgpart.ErrorCode;
import dev.pgpart.PgpartException;
import dev.pgpart.cli.demo.DemoData;
import dev.pgpart.cli.demo.DemoServer;
import dev.pgpart.cli.render.Style;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code pgpart demo}: the whole story on a throwaway PostgreSQL, in under a minute. */
@Command(name = "demo", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Starts a throwaway PostgreSQL in a temporary directory, creates sample partitioned tables"
                + " with two years of orders, writes a pgpart.yml, and runs plan, maintain, maintain --yes,"
                + " status and check against it, explaining each step.",
                "The server is stopped and its directory removed at the end, also on failure."})
final class DemoCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Option(names = "--keep", description = "Leave the server running after the demo and print its URL; Ctrl-C stops it.")
    boolean keep;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = main.out();
        Style style = Style.detect();
        out.println(style.bold("pgpart demo") + ": starting a throwaway PostgreSQL (first run unpacks it, a few seconds) ...");
        out.flush();
        DemoServer server;
        try {
            server = DemoServer.start();
        } catch (java.io.IOException | RuntimeException e) {
            throw new PgpartException(ErrorCode.DATABASE, "could not start the embedded PostgreSQL for the demo: " + e.getMessage()
                    + (e.getCause() != null ? " (" + e.getCause().getMessage() + ")" : "")
                    + ". It needs a writable temporary directory and, on first use, space to unpack about 50 MB.", e);
        }
        Thread cleanup = new Thread(server::close, "pgpart-demo-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        boolean leaveRunning = false;
        try {
            DemoData data = DemoData.now();
            data.load(server.dataSource());
            Path config = data.writeConfig(server.dir());
            out.println("Loaded " + String.format("%,d", DemoData.ORDERS) + " orders from " + data.start()
                    + " until now: two months in hand-made partitions, the rest in orders_default.");
            out.println("Configuration written to " + config + ":");
            out.println();
            DemoScript.indent(out, java.nio.file.Files.readString(config));
            String later = data.start().plusMonths(27).withDayOfMonth(15) + "T00:00:00Z";
            int code = new DemoScript(out, style, cli(server), config, later).run();
            if (code != ExitCodes.OK) {
                return code;
            }
            DemoScript.printNextSteps(out, style);
            leaveRunning = keep;
        } finally {
            if (!leaveRunning) {
                server.close();
                removeHook(cleanup);
                out.println();
                out.println("Demo server stopped and " + server.dir() + " removed.");
                out.flush();
            }
        }
        if (leaveRunning) {
            // --keep: the shutdown hook stops the server and removes its directory on Ctrl-C
            waitForCtrlC(out, server);
        }
        return ExitCodes.OK;
    }

    /** Runs pgpart commands in this JVM against the demo server, writing to this command's streams. */
    private DemoScript.Cli cli(DemoServer server) {
        Main demoMain = main.withEnv(Env.of(Map.of(Env.URL, server.jdbcUrl())));
        return args -> {
            List<String> all = new ArrayList<>();
            for (int i = 0; i < main.verbosity(); i++) {
                all.add("-v");
            }
            all.addAll(args);
            CommandLine cl = Main.commandLine(demoMain);
            cl.setOut(main.out());
            cl.setErr(main.err());
            return cl.execute(all.toArray(String[]::new));
        };
    }

    private void waitForCtrlC(PrintWriter out, DemoServer server) throws InterruptedException {
        Path config = server.dir().resolve("pgpart.yml");
        out.println();
        out.println("The demo server keeps running (--keep). Try, in another terminal:");
        out.println("  export PGPART_URL='" + server.jdbcUrl() + "'");
        out.println("  ./pgpart --config " + config + " status");
        out.println("  psql \"postgresql://postgres@localhost:" + server.jdbcUrl().replaceAll(".*localhost:(\\d+).*", "$1") + "/postgres\"");
        out.println("Press Ctrl-C to stop it; its directory " + server.dir() + " is removed then.");
        out.flush();
        new CountDownLatch(1).await();
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException ignored) {
            // the JVM is already shutting down: the hook runs, and close() is idempotent
        }
    }
}
