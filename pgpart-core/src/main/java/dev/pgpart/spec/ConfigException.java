package dev.pgpart.spec;

import dev.pgpart.ErrorCode;
import dev.pgpart.PgpartException;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** The configuration has problems; all of them are listed, not just the first. */
public final class ConfigException extends PgpartException {
    private static final long serialVersionUID = 1L;
    private final transient List<ConfigProblem> problems;
    private final transient Optional<Spec> readable;

    public ConfigException(List<ConfigProblem> problems) {
        this(problems, Optional.empty());
    }

    /**
     * @param readable the tables of the file that could be read despite the problems, so they can
     *                 still be checked against the database and every problem shown in one run
     */
    public ConfigException(List<ConfigProblem> problems, Optional<Spec> readable) {
        super(ErrorCode.CONFIG, problems.size() + " configuration problem" + (problems.size() == 1 ? "" : "s") + ":\n"
                + problems.stream().map(p -> "  - " + p).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
        this.readable = readable;
    }

    public List<ConfigProblem> problems() {
        return problems;
    }

    /** What could be read of the configuration; empty when nothing could (e.g. a YAML syntax error). */
    public Optional<Spec> readable() {
        return readable;
    }

    /** These problems followed by {@code more}, keeping what was readable. */
    public ConfigException with(List<ConfigProblem> more) {
        return new ConfigException(java.util.stream.Stream.concat(problems.stream(), more.stream()).toList(), readable);
    }
}
