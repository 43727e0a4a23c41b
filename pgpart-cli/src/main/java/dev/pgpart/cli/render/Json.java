package dev.pgpart.cli.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.pgpart.cli.render.JsonViews.CheckJson;
import dev.pgpart.cli.render.JsonViews.FindingJson;
import dev.pgpart.cli.render.JsonViews.MaintainJson;
import dev.pgpart.cli.render.JsonViews.PlanJson;
import dev.pgpart.cli.render.JsonViews.ProblemJson;
import dev.pgpart.cli.render.JsonViews.ResultJson;
import dev.pgpart.cli.render.JsonViews.SingleJson;
import dev.pgpart.cli.render.JsonViews.StatusJson;
import dev.pgpart.cli.render.JsonViews.StatusTableJson;
import dev.pgpart.cli.render.JsonViews.SummaryJson;
import dev.pgpart.cli.render.JsonViews.TablePlanJson;
import dev.pgpart.cli.render.JsonViews.ValidateJson;
import dev.pgpart.api.ActionResult;
import dev.pgpart.api.MaintainResult;
import dev.pgpart.api.Outcome;
import dev.pgpart.plan.Finding;
import dev.pgpart.plan.Plan;
import dev.pgpart.plan.TableStatus;
import dev.pgpart.spec.ConfigProblem;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;

/** Renders every report as one pretty-printed JSON document (schema in docs/cli.md). */
public final class Json {
    private final ObjectMapper mapper = JsonMapper.builder()
            .addModule(new Jdk8Module())
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    public void plan(PrintWriter out, Plan plan) {
        List<TablePlanJson> tables = plan.tables().stream()
                .map(t -> new TablePlanJson(t.table().toString(), t.actions().stream().map(JsonViews.ActionJson::of).toList(),
                        FindingJson.all(t.findings())))
                .toList();
        write(out, new PlanJson(JsonViews.SCHEMA, "plan", plan.at(), tables, JsonViews.SkippedJson.all(plan.skipped())));
    }

    public void maintain(PrintWriter out, MaintainResult result) {
        maintain(out, result, "maintain");
    }

    /** {@code maintain}'s document under another command's name ({@code archive run}). */
    public void maintain(PrintWriter out, MaintainResult result, String command) {
        SummaryJson summary = new SummaryJson(count(result, Outcome.APPLIED), count(result, Outcome.SKIPPED),
                count(result, Outcome.FAILED), result.results().stream().filter(ActionResult::skippedForConsent).count(),
                result.rowsMoved());
        write(out, new MaintainJson(JsonViews.SCHEMA, command, result.plan().at(), summary,
                result.results().stream().map(ResultJson::of).toList(), FindingJson.all(result.plan().findings()),
                JsonViews.SkippedJson.all(result.plan().skipped())));
    }

    /** {@code at}: the time the status is computed for ({@code --at}, else now). */
    public void status(PrintWriter out, Instant at, List<TableStatus> tables) {
        write(out, new StatusJson(JsonViews.SCHEMA, "status", at, tables.stream().map(StatusTableJson::of).toList()));
    }

    /** {@code at}: the time the check is made for ({@code --at}, else now). */
    public void check(PrintWriter out, Instant at, List<Finding> findings) {
        long problems = findings.stream().filter(f -> f.severity() == Finding.Severity.PROBLEM).count();
        write(out, new CheckJson(JsonViews.SCHEMA, "check", at, problems == 0, problems, FindingJson.all(findings)));
    }

    public void result(PrintWriter out, String command, ActionResult result) {
        write(out, new SingleJson(JsonViews.SCHEMA, command, ResultJson.of(result)));
    }

    public void validate(PrintWriter out, int tables, List<ConfigProblem> problems) {
        write(out, new ValidateJson(JsonViews.SCHEMA, "validate", problems.isEmpty(), tables,
                problems.stream().map(ProblemJson::of).toList()));
    }

    private static long count(MaintainResult result, Outcome o) {
        return result.results().stream().filter(r -> r.outcome() == o).count();
    }

    /** Any report already shaped as maps, lists and records (convert commands). */
    public void value(PrintWriter out, Object value) {
        write(out, value);
    }

    private void write(PrintWriter out, Object value) {
        try {
            out.println(mapper.writeValueAsString(value));
            out.flush();
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
