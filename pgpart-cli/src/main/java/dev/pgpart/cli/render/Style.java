package dev.pgpart.cli.render;

/** ANSI emphasis for terminals; {@link #PLAIN} (no escape codes) whenever output is not a TTY. */
public record Style(boolean ansi) {
    public static final Style PLAIN = new Style(false);

    /** Colors only on an interactive terminal, never when NO_COLOR is set or output is piped. */
    public static Style detect() {
        return new Style(picocli.CommandLine.Help.Ansi.AUTO.enabled());
    }

    public String bold(String s) {
        return wrap("1", s);
    }

    public String dim(String s) {
        return wrap("2", s);
    }

    public String good(String s) {
        return wrap("32", s);
    }

    public String warn(String s) {
        return wrap("33", s);
    }

    public String bad(String s) {
        return wrap("31;1", s);
    }

    private String wrap(String code, String s) {
        return ansi && !s.isEmpty() ? "\u001b[" + code + "m" + s + "\u001b[0m" : s;
    }
}
