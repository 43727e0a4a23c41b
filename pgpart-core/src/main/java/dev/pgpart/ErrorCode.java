package dev.pgpart;

/** What went wrong, coarsely enough that a caller (or the CLI's exit code) can react to it. */
public enum ErrorCode {
    /** Bad command line, unreadable or invalid configuration: fix the input and run again. */
    CONFIG(2),
    /** A lock could not be taken within lock_timeout after every retry. */
    LOCK_TIMEOUT(1),
    /** Another pgpart run holds the maintenance lock of this database. */
    BUSY(1),
    /** The database refused an operation or the connection failed. */
    DATABASE(1),
    /** An operation would lose or orphan data and was refused. */
    UNSAFE(1),
    /** A bug in pgpart: please report it with the message and the plan. */
    INTERNAL(1);

    private final int exitCode;

    ErrorCode(int exitCode) {
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
