package dev.pgpart.cli;

import dev.pgpart.cli.render.Json;
import dev.pgpart.api.MaintenanceListener;
import dev.pgpart.spec.ConfigException;
import dev.pgpart.spec.ConfigProblem;
import dev.pgpart.spec.Spec;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code pgpart validate}: the configuration, on its own and against the database. */
@Command(name = "validate", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Loads the configuration and checks it against the database (tables exist, are partitioned"
                + " by the configured method, key types fit the interval). Lists every problem.",
                "Exits 0 when valid, 2 when there are problems."})
final class ValidateCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() {
        Spec spec;
        try {
            spec = main.fileSpec(true);
        } catch (ConfigException e) {
            List<ConfigProblem> database = main.databaseProblems(e);
            return report(0, e.with(database).problems(), database.isEmpty() ? "in the file" : "in the file and against the database");
        }
        List<ConfigProblem> problems = main.pgpart(spec, MaintenanceListener.NONE).validate();
        return report(spec.tables().size(), problems, "against the database");
    }

    private int report(int tables, List<ConfigProblem> problems, String where) {
        PrintWriter out = main.out();
        if (json.on()) {
            new Json().validate(out, tables, problems);
        } else if (problems.isEmpty()) {
            out.println(main.config + ": " + tables + " table" + (tables == 1 ? "" : "s") + ", valid against "
                    + UrlMasker.mask(main.jdbcUrl()));
        } else {
            out.println(main.config + ": " + problems.size() + " problem" + (problems.size() == 1 ? "" : "s") + " " + where + ":");
            problems.forEach(p -> out.println("  - " + p));
        }
        return problems.isEmpty() ? ExitCodes.OK : ExitCodes.USAGE;
    }
}
