package dev.pgpart;

import java.util.Objects;

/**
 * The one exception type pgpart throws. Its message is written for the person on call: what is
 * wrong, what state the database was left in, and what to do next.
 */
public class PgpartException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final ErrorCode code;

    public PgpartException(ErrorCode code, String message) {
        super(message);
        this.code = Objects.requireNonNull(code);
    }

    public PgpartException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code);
    }

    public ErrorCode code() {
        return code;
    }
}
