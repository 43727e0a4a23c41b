package dev.pgpart.cli.render;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import dev.pgpart.guard.Param;
import dev.pgpart.guard.PlanOutline;
import dev.pgpart.guard.PruningReport;
import dev.pgpart.guard.TablePruning;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** {@code pgpart explain --json} (schema in docs/cli.md); its own views, like {@link JsonViews}. */
public final class ExplainJson {
    private final ObjectMapper mapper = JsonMapper.builder().addModule(new Jdk8Module())
            .enable(SerializationFeature.INDENT_OUTPUT).build();

    public record ReportJson(int schema, String command, boolean ok, String mode, boolean analyzed, int serverVersion,
                             String sql, List<String> params, List<TableJson> tables, int unattributedRemovedAtRunTime,
                             List<String> plan) {
    }

    @JsonInclude(JsonInclude.Include.NON_ABSENT)
    public record TableJson(String table, String strategy, int partitions, int afterPlanTimePruning,
                            int removedAtRunTime, int scanned, Optional<Integer> neverExecuted, int limit, boolean ok,
                            List<String> scannedPartitions) {
        static TableJson of(TablePruning t) {
            return new TableJson(t.table().toString(), t.strategy().name().toLowerCase(Locale.ROOT), t.partitions(),
                    t.afterPlanTime(), t.removedAtRunTime(), t.scannedCount(), t.neverExecuted(), t.limit(), t.ok(),
                    t.scanned().stream().map(Object::toString).toList());
        }
    }

    public void print(PrintWriter out, PruningReport r) {
        ReportJson json = new ReportJson(JsonViews.SCHEMA, "explain", r.ok(), r.mode().name().toLowerCase(Locale.ROOT),
                r.analyzed(), r.serverVersionNum(), r.sql(), r.params().stream().map(ExplainJson::value).toList(),
                r.tables().stream().map(TableJson::of).toList(), r.unattributedRemoved(), PlanOutline.lines(r.plan()));
        try {
            out.println(mapper.writeValueAsString(json));
            out.flush();
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String value(Param p) {
        return p instanceof Param.Text t ? t.value() : p.display();
    }
}
