package dev.pgpart.spec;

import dev.pgpart.ErrorCode;
import dev.pgpart.PgpartException;
import java.util.List;
import java.util.stream.Collectors;

/** The configuration has problems; all of them are listed, not just the first. */
public final class ConfigException extends PgpartException {
    private static final long serialVersionUID = 1L;
    private final transient List<ConfigProblem> problems;

    public ConfigException(List<ConfigProblem> problems) {
        super(ErrorCode.CONFIG, problems.size() + " configuration problem" + (problems.size() == 1 ? "" : "s") + ":\n"
                + problems.stream().map(p -> "  - " + p).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<ConfigProblem> problems() {
        return problems;
    }
}
