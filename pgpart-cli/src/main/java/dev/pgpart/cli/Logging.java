package dev.pgpart.cli;

/**
 * Configures slf4j-simple from {@code -v}/{@code -vv}. It reads system properties once, when the
 * first logger is created, so this runs before any command touches the core or the demo server.
 * Properties the user set with {@code -D} win.
 */
final class Logging {
    private static final String PREFIX = "org.slf4j.simpleLogger.";

    private Logging() {
    }

    static void configure(int verbosity) {
        String level = verbosity >= 2 ? "debug" : verbosity == 1 ? "info" : "warn";
        setDefault("defaultLogLevel", level);
        setDefault("logFile", "System.err");
        setDefault("showThreadName", "false");
        setDefault("showDateTime", verbosity >= 1 ? "true" : "false");
        setDefault("dateTimeFormat", "HH:mm:ss.SSS");
        setDefault("showShortLogName", "true");
        // the embedded server and the driver are chatty at INFO; only -vv shows them
        setDefault("log.io.zonky", verbosity >= 2 ? "info" : "warn");
        setDefault("log.org.postgresql", verbosity >= 2 ? "info" : "warn");
        // Hibernate (pgpart ddl) logs through JBoss Logging: route it to slf4j-simple so -v decides, not JUL
        if (System.getProperty("org.jboss.logging.provider") == null) {
            System.setProperty("org.jboss.logging.provider", "slf4j");
        }
    }

    private static void setDefault(String key, String value) {
        if (System.getProperty(PREFIX + key) == null) {
            System.setProperty(PREFIX + key, value);
        }
    }
}
