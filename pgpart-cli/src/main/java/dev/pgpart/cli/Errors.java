package dev.pgpart.cli;

import dev.pgpart.PgpartException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IExitCodeExceptionMapper;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Turns exceptions into a message on stderr and an exit code: {@link PgpartException#code()}
 * owns it; anything else is a bug (1). Stack traces only with {@code -vv}.
 */
final class Errors implements IExecutionExceptionHandler, IExitCodeExceptionMapper {
    private final Main main;

    Errors(Main main) {
        this.main = main;
    }

    @Override
    public int getExitCode(Throwable t) {
        if (t instanceof PgpartException pe) {
            return pe.code().exitCode();
        }
        if (t instanceof ParameterException) {
            return ExitCodes.USAGE;
        }
        return ExitCodes.FAILURE;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, ParseResult parseResult) {
        PrintWriter err = cl.getErr();
        if (ex instanceof ParameterException pe) {
            return handleParseException(pe, new String[0]);
        }
        err.println("pgpart: " + message(ex) + timeoutHint(ex));
        if (main.verbosity() >= 2) {
            ex.printStackTrace(err);
        } else if (!(ex instanceof PgpartException)) {
            err.println("(run again with -vv for the stack trace)");
        }
        err.flush();
        return getExitCode(ex);
    }

    int handleParseException(ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        PrintWriter err = cl.getErr();
        err.println("pgpart: " + ex.getMessage());
        if (!CommandLine.UnmatchedArgumentException.printSuggestions(ex, err)) {
            err.println("Try '" + cl.getCommandSpec().qualifiedName() + " --help' for usage.");
        }
        err.flush();
        return ExitCodes.USAGE;
    }

    private String timeoutHint(Exception ex) {
        return main.timeouts().explain(ex).map(h -> "\n" + h).orElse("");
    }

    private static String message(Exception ex) {
        if (ex instanceof PgpartException) {
            return ex.getMessage();
        }
        if (ex instanceof UnsupportedOperationException) {
            return "not implemented in this build of pgpart yet (" + ex.getMessage() + ")";
        }
        if (ex instanceof java.sql.SQLException se) {
            return "database error [" + se.getSQLState() + "]: " + se.getMessage();
        }
        return "unexpected error, please report it: " + ex;
    }
}
