package dev.pgpart.cli.render;

import dev.pgpart.plan.Finding;
import java.io.PrintWriter;
import java.util.List;

/** Findings as text: in a table's block, or one per line ({@code table: message}) for check. */
public final class FindingText {
    private final Style style;

    public FindingText(Style style) {
        this.style = style;
    }

    /** Indented lines under a table heading. */
    void printNested(PrintWriter out, List<Finding> findings) {
        for (Finding f : findings) {
            if (f.severity() == Finding.Severity.PROBLEM) {
                out.println("  " + style.bad("problem") + ": " + f.message());
            } else {
                out.println("  " + style.dim("note") + ": " + f.message());
            }
        }
    }

    /**
     * {@code check}: problems first, one per line as {@code table: message}; notes after them,
     * marked {@code (note)}. Prints a single OK line when there are no problems.
     */
    public void printCheck(PrintWriter out, List<Finding> findings) {
        List<Finding> problems = findings.stream().filter(f -> f.severity() == Finding.Severity.PROBLEM).toList();
        for (Finding f : problems) {
            out.println(f.table() + ": " + f.message());
        }
        for (Finding f : findings) {
            if (f.severity() == Finding.Severity.NOTE) {
                out.println(f.table() + ": " + f.message() + " " + style.dim("(note)"));
            }
        }
        if (problems.isEmpty()) {
            out.println(style.good("OK") + ": no problems" + (findings.isEmpty() ? "" : " (" + Text.plural(findings.size(), "note") + ")"));
        }
    }

    public static boolean hasProblems(List<Finding> findings) {
        return findings.stream().anyMatch(f -> f.severity() == Finding.Severity.PROBLEM);
    }
}
