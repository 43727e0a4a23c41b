package dev.pgpart.cli.render;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import dev.pgpart.advise.Advice;
import dev.pgpart.advise.AdviceReport;
import dev.pgpart.advise.StatementStat;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** {@code pgpart advise --json} (schema in docs/cli.md); its own views, like {@link JsonViews}. */
public final class AdviseJson {
    private final ObjectMapper mapper = JsonMapper.builder().addModule(new Jdk8Module())
            .enable(SerializationFeature.INDENT_OUTPUT).build();

    public record ReportJson(int schema, String command, boolean ok, List<AdviceJson> advice, List<NoteJson> notes) {
    }

    @JsonInclude(JsonInclude.Include.NON_ABSENT)
    public record AdviceJson(String severity, String kind, String table, String observed, String fix,
                             Optional<StatementJson> statement) {
        static AdviceJson of(Advice a) {
            return new AdviceJson(a.severity().name().toLowerCase(Locale.ROOT), a.kind().jsonName(), a.table().toString(),
                    a.observed(), a.fix(), a.statement().map(StatementJson::of));
        }
    }

    public record StatementJson(String query, long calls, double totalTimeMs, long rows) {
        static StatementJson of(StatementStat s) {
            return new StatementJson(s.query(), s.calls(), s.totalMillis(), s.rows());
        }
    }

    public record NoteJson(String check, String message) {
    }

    public void print(PrintWriter out, AdviceReport r) {
        ReportJson json = new ReportJson(JsonViews.SCHEMA, "advise", r.clean(),
                r.advice().stream().map(AdviceJson::of).toList(),
                r.notes().stream().map(n -> new NoteJson(n.check(), n.message())).toList());
        try {
            out.println(mapper.writeValueAsString(json));
            out.flush();
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
