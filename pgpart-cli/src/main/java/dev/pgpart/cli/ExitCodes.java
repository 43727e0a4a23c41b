package dev.pgpart.cli;

/** What the process exit status means; printed in every {@code --help} footer. */
public final class ExitCodes {
    public static final int OK = 0;
    /** Runtime failure: database error, lock timeout, another run busy, a failed action. */
    public static final int FAILURE = 1;
    /** Usage or configuration error: fix the command line or pgpart.yml. */
    public static final int USAGE = 2;
    /** Findings (check), or changes pending / skipped for want of --yes. */
    public static final int ATTENTION = 3;

    static final String FOOTER = "%nExit codes:%n"
            + "  0  ok%n"
            + "  1  runtime failure (database, lock timeout, another run busy, a failed action)%n"
            + "  2  usage or configuration error%n"
            + "  3  findings (check, advise, explain), or changes pending without consent (needs --yes)%n";

    private ExitCodes() {
    }
}
