package dev.pgpart.cli.render;

import dev.pgpart.advise.Advice;
import dev.pgpart.advise.AdviceReport;
import dev.pgpart.advise.Severity;
import java.io.PrintWriter;
import java.util.Locale;

/** {@code pgpart advise} for people: one block per advice, worst first, then what was skipped. */
public final class AdviseText {
    private final Style style;

    public AdviseText(Style style) {
        this.style = style;
    }

    public void print(PrintWriter out, AdviceReport r) {
        if (r.clean()) {
            out.println(style.good("No advice: nothing found to change."));
        } else {
            out.println(r.advice().size() + " piece(s) of advice, worst first:");
            for (Advice a : r.advice()) {
                out.println();
                out.println(severity(a.severity()) + " " + style.bold(a.kind().jsonName()) + " " + a.table());
                out.println("  observed: " + a.observed());
                out.println("  fix:      " + a.fix());
            }
        }
        if (!r.notes().isEmpty()) {
            out.println();
            r.notes().forEach(n -> out.println(style.dim("note: " + n.check() + ": " + n.message())));
        }
        out.flush();
    }

    private String severity(Severity s) {
        String text = String.format("%-6s", s.name().toLowerCase(Locale.ROOT));
        return switch (s) {
            case HIGH -> style.bad(text);
            case MEDIUM -> style.warn(text);
            case LOW -> text;
        };
    }
}
