package dev.pgpart.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/** {@code --table}, {@code --at} and {@code --json} are declared once and mean the same on every command. */
class SharedOptionsTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);
    /** A minimal valid invocation of every command that prints a report. */
    private static final Map<String, String> REPORTING = Map.ofEntries(
            Map.entry("plan", "plan"),
            Map.entry("maintain", "maintain"),
            Map.entry("status", "status"),
            Map.entry("check", "check"),
            Map.entry("validate", "validate"),
            Map.entry("partition add", "partition add --table orders --default"),
            Map.entry("partition detach", "partition detach orders_p1"),
            Map.entry("partition drop", "partition drop orders_p1"),
            Map.entry("explain", "explain SELECT"),
            Map.entry("advise", "advise"),
            Map.entry("convert plan", "convert plan orders"),
            Map.entry("convert run", "convert run orders"),
            Map.entry("convert status", "convert status orders"),
            Map.entry("convert undo", "convert undo orders"),
            Map.entry("convert finalize", "convert finalize orders"),
            Map.entry("archive list", "archive list"),
            Map.entry("archive run", "archive run"),
            Map.entry("archive verify", "archive verify orders_p1"),
            Map.entry("archive restore", "archive restore orders_p1"));

    private static Main main() {
        return new Main(Env.of(Map.of()), file -> {
            throw new AssertionError("the configuration should not be loaded");
        }, PgpartFactory.standard(), CLOCK);
    }

    private static ParseResult parse(String line) {
        ParseResult r = Main.commandLine(main()).parseArgs(line.split(" "));
        while (r.hasSubcommand()) {
            r = r.subcommand();
        }
        return r;
    }

    @Test
    void everyCommandThatReportsIsKnownHereSoNoneIsMissedBelow() {
        List<String> leaves = new ArrayList<>();
        collectLeaves(Main.commandLine(main()), leaves);
        assertThat(leaves).containsExactlyInAnyOrderElementsOf(
                concat(REPORTING.keySet(), "demo", "help", "metrics", "ddl")); // demo narrates a script, help prints usage: no report;
        // metrics prints the Prometheus text format, which is already for machines; ddl writes migrations (SQL), not a report
    }

    @ParameterizedTest
    @ValueSource(strings = {"plan", "maintain", "status", "check", "validate", "partition add", "partition detach",
            "partition drop", "explain", "advise", "convert plan", "convert run", "convert status", "convert undo", "convert finalize",
            "archive list", "archive run", "archive verify", "archive restore"})
    void everyCommandThatReportsAcceptsJson(String command) {
        ParseResult r = parse(REPORTING.get(command) + " --json");
        assertThat(r.hasMatchedOption("--json")).as(command).isTrue();
        assertThat(r.commandSpec().findOption("--json").description())
                .containsExactly("Print JSON (schema in docs/cli.md).");
    }

    @ParameterizedTest
    @ValueSource(strings = {"plan", "maintain", "check", "status"})
    void planMaintainCheckAndStatusAcceptAtWithTheSameParsing(String command) {
        ParseResult r = parse(command + " --at 2027-03-01");
        assertThat(r.<Instant>matchedOptionValue("--at", null)).isEqualTo(Instant.parse("2027-03-01T00:00:00Z"));
        assertThat(parse(command + " --at 2027-03-01T10:00:00+02:00").<Instant>matchedOptionValue("--at", null))
                .isEqualTo(Instant.parse("2027-03-01T08:00:00Z"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"plan", "maintain", "check", "status"})
    void anAtOutsideTheSupportedTimesIsAUsageErrorOnEveryCommandThatTakesIt(String command) {
        Run run = Run.of(main(), command, "--at", "9001-01-01");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).contains("'9001-01-01' is outside the times pgpart supports: --at must be from"
                + " 1900-01-01 to 9000-01-01");
    }

    @ParameterizedTest
    @ValueSource(strings = {"plan", "maintain", "check", "status"})
    void theHelpOfEveryCommandWithAtDescribesItInTheSameWords(String command) {
        Run run = Run.of(main(), command, "--help");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(oneLine(run.out())).contains("--at=INSTANT", "As if it were this time: 2027-01-01 (midnight UTC) or"
                + " 2027-01-01T10:00:00Z, from 1900-01-01 to 9000-01-01. Default: now.",
                "--json", "Print JSON (schema in docs/cli.md).");
    }

    @ParameterizedTest
    @ValueSource(strings = {"plan", "maintain", "status", "archive list", "archive run", "advise"})
    void theHelpOfEveryCommandWithTableDescribesItInTheSameWords(String command) {
        Run run = Run.of(main(), (command + " --help").split(" "));
        assertThat(oneLine(run.out())).contains("--table=TABLE",
                "Only this configured table (schema.table; unqualified means public).");
    }

    /** Help text with its line wrapping undone, which depends on the width of the other options. */
    private static String oneLine(String help) {
        return help.replaceAll("\\s+", " ");
    }

    private static void collectLeaves(CommandLine cl, List<String> out) {
        if (cl.getSubcommands().isEmpty()) {
            out.add(cl.getCommandSpec().qualifiedName(" ").replaceFirst("^pgpart ", ""));
            return;
        }
        cl.getSubcommands().entrySet().stream()
                .filter(e -> e.getKey().equals(e.getValue().getCommandName())) // aliases once
                .forEach(e -> collectLeaves(e.getValue(), out));
    }

    private static List<String> concat(java.util.Collection<String> a, String... b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(List.of(b));
        return out;
    }
}
