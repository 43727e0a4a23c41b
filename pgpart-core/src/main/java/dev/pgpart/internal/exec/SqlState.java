package dev.pgpart.internal.exec;

import java.sql.SQLException;

/** The SQLSTATEs the executor reacts to; everything else is {@link #OTHER}. */
public enum SqlState {
    LOCK_NOT_AVAILABLE("55P03", true),
    DEADLOCK_DETECTED("40P01", true),
    QUERY_CANCELED("57014", false),
    CHECK_VIOLATION("23514", false),
    DUPLICATE_TABLE("42P07", false),
    UNDEFINED_TABLE("42P01", false),
    INSUFFICIENT_PRIVILEGE("42501", false),
    OBJECT_IN_USE("55006", false),
    ACTIVE_SQL_TRANSACTION("25001", false),
    INVALID_OBJECT_DEFINITION("42P17", false),
    OTHER("", false);

    private final String code;
    private final boolean retryable;

    SqlState(String code, boolean retryable) {
        this.code = code;
        this.retryable = retryable;
    }

    public String code() {
        return code;
    }

    /**
     * Whether trying again later can succeed: the statement lost a race for a lock and PostgreSQL
     * rolled it back without changing anything.
     */
    public boolean retryable() {
        return retryable;
    }

    public static SqlState of(String sqlState) {
        if (sqlState == null) {
            return OTHER;
        }
        for (SqlState s : values()) {
            if (s != OTHER && s.code.equals(sqlState)) {
                return s;
            }
        }
        return OTHER;
    }

    public static SqlState of(SQLException e) {
        return of(e.getSQLState());
    }
}
