package dev.pgpart.archive;

import dev.pgpart.ErrorCode;
import dev.pgpart.PgpartException;

/** The archive does not match its manifest or its table: the job keeps the table and exports anew next time. */
final class ArchiveMismatch extends PgpartException {
    private static final long serialVersionUID = 1L;

    ArchiveMismatch(String message) {
        super(ErrorCode.UNSAFE, message);
    }
}
