package dev.pgpart.advise;

/** How much an advice matters; reports list the worst first. */
public enum Severity {
    /** Costs every day (full scans) or blocks a conversion. */
    HIGH,
    /** Costs on some operations, or will once the table grows. */
    MEDIUM,
    /** Worth knowing; act when convenient. */
    LOW
}
