package dev.pgpart.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpart.spec.ConfigException;
import dev.pgpart.spec.ConfigProblem;
import dev.pgpart.spec.Spec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CommandLineTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private Main main(Map<String, String> env, SpecSource specs) {
        return new Main(Env.of(env), specs, PgpartFactory.standard(), CLOCK);
    }

    private Main main() {
        return main(Map.of(), file -> {
            throw new AssertionError("the configuration should not be loaded");
        });
    }

    private Path config() throws IOException {
        return Files.writeString(dir.resolve("pgpart.yml"), "tables: {}\n");
    }

    @Test
    void helpListsEveryCommandAndTheExitCodes() {
        Run run = Run.of(main(), "--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("plan", "maintain", "status", "check", "partition", "validate", "demo")
                .contains("Exit codes:", "2  usage or configuration error", "3  findings (check, advise, explain)");
    }

    @Test
    void everySubcommandHelpCarriesTheExitCodeFooter() {
        for (String[] args : List.of(new String[] {"plan", "--help"}, new String[] {"partition", "drop", "--help"})) {
            Run run = Run.of(main(), args);
            assertThat(run.exitCode()).as(String.join(" ", args)).isZero();
            assertThat(run.out()).contains("Exit codes:");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "frobnicate", "plan --bogus", "plan --at yesterday", "plan --at 2027-01-01T10:00",
            "maintain --lock-wait forever", "partition", "partition add --table orders --from 1",
            "partition add --table orders --from 1 --to 2 --default", "partition drop", "plan --table a.b.c"})
    void usageErrorsExitTwoWithAMessageOnStderr(String line) {
        Run run = Run.of(main(), line.isEmpty() ? new String[0] : line.split(" "));
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).startsWith("pgpart: ");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aTimeWithoutOffsetIsRefusedWithTheWayOut() {
        Run run = Run.of(main(), "plan", "--at", "2027-01-01T10:00");
        assertThat(run.err()).contains("no time zone offset", "2027-01-01T10:00Z");
    }

    @Test
    void aMisspelledCommandGetsASuggestion() {
        Run run = Run.of(main(), "maintian");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("maintain");
    }

    @Test
    void aMissingDefaultConfigurationIsAConfigErrorNamingTheFile() {
        Run run = Run.of(main(), "--config", dir.resolve("nope.yml").toString(), "plan");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("nope.yml not found", "--config");
        assertThat(run.err()).doesNotContain("at dev.pgpart");
    }

    @Test
    void aBadConfigurationExitsTwoListingEveryProblem() throws IOException {
        SpecSource broken = file -> {
            throw new ConfigException(List.of(
                    new ConfigProblem("pgpart.yml:3 tables.\"public.orders\".interval", "'1 fortnight' is not an interval", "e.g. 1 month"),
                    new ConfigProblem("pgpart.yml:4 tables.\"public.orders\".premake", "-1 is negative", "0 or more"),
                    new ConfigProblem("pgpart.yml:9 tables.\"public.customers\".hash.modulus", "missing", "")));
        };
        Run run = Run.of(main(Map.of(Env.URL, "jdbc:postgresql://localhost:1/x"), broken), "--config", config().toString(), "plan");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("3 configuration problems", "'1 fortnight' is not an interval -> e.g. 1 month",
                "-1 is negative", "hash.modulus: missing");
    }

    @Test
    void validateListsConfigurationProblemsOnStdout() throws IOException {
        SpecSource broken = file -> {
            throw new ConfigException(List.of(new ConfigProblem("pgpart.yml:1 lock_timeout", "'soon' is not a duration", "e.g. 2s"),
                    new ConfigProblem("pgpart.yml:5 tables.orders.premake", "'many' is not a number", "")));
        };
        Run run = Run.of(main(Map.of(), broken), "--config", config().toString(), "validate");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).contains("2 problems in the file", "lock_timeout: 'soon' is not a duration -> e.g. 2s",
                "premake: 'many' is not a number");
    }

    @Test
    void withoutADatabaseUrlTheMessageSaysWhereToPutOne() throws IOException {
        Spec empty = new Spec(Spec.DEFAULT_LOCK_TIMEOUT, List.of());
        Run run = Run.of(main(Map.of(), f -> empty), "--config", config().toString(), "plan");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--url", "PGPART_URL");
    }

    @Test
    void aUrlThatIsNotPostgresIsRefusedWithItsPasswordMasked() throws IOException {
        Spec empty = new Spec(Spec.DEFAULT_LOCK_TIMEOUT, List.of());
        Run run = Run.of(main(Map.of(Env.URL, "jdbc:mysql://db/x?password=hunter2"), f -> empty),
                "--config", config().toString(), "status");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("not a PostgreSQL JDBC URL").doesNotContain("hunter2");
    }

    @Test
    void aTableThatIsNotConfiguredIsAUsageErrorNamingTheConfiguredOnes() throws IOException {
        Spec empty = new Spec(Spec.DEFAULT_LOCK_TIMEOUT, List.of());
        Run run = Run.of(main(Map.of(Env.URL, "jdbc:postgresql://localhost:1/x"), f -> empty),
                "--config", config().toString(), "plan", "--table", "orders");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("public.orders is not in the configuration");
    }

    @Test
    void globalOptionsAreAcceptedAfterTheCommandToo() throws IOException {
        Spec empty = new Spec(Spec.DEFAULT_LOCK_TIMEOUT, List.of());
        Main main = main(Map.of(), f -> empty);
        Run run = Run.of(main, "plan", "--config", config().toString(), "-vv");
        assertThat(main.verbosity()).isEqualTo(2);
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("PGPART_URL").contains("at dev.pgpart.cli.Main");
    }

    @Test
    void stackTracesAppearOnlyWithDoubleVerbose() throws IOException {
        Spec empty = new Spec(Spec.DEFAULT_LOCK_TIMEOUT, List.of());
        Run run = Run.of(main(Map.of(), f -> empty), "-v", "--config", config().toString(), "plan");
        assertThat(run.err()).doesNotContain("\tat ");
    }

    /** A CLI that reads this YAML as pgpart.yml, with no database: the file alone decides. */
    private Run runWithConfig(String yaml, String... args) throws IOException {
        Path file = Files.writeString(dir.resolve("pgpart.yml"), yaml);
        String[] all = new String[args.length + 2];
        all[0] = "--config";
        all[1] = file.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        return Run.of(Main.with(Env.of(Map.of()), CLOCK), all);
    }

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "interval: 10000 years|'10000 years' is longer than pgpart supports (at most 100 years)",
            "{interval: 1 day, start: 1600-01-01}|outside the times pgpart supports (1900-01-01 to 9000-01-01)",
            "{interval: 1 year, start: 9999-01-01}|outside the times pgpart supports (1900-01-01 to 9000-01-01)"})
    void aConfigurationOutsideTheSupportedRangesIsAConfigErrorNotACrash(String settings, String message) throws IOException {
        String table = settings.startsWith("{") ? settings : "{" + settings + "}";
        Run run = runWithConfig("tables:\n  public.orders: " + table + "\n", "plan");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).contains("1 configuration problem", message).doesNotContain("unexpected error");
    }

    @Test
    void anAtBeforeTheSupportedTimesIsAUsageErrorWithTheRange() {
        Run run = Run.of(main(), "plan", "--at", "0001-01-01");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).contains("'0001-01-01' is outside the times pgpart supports: --at must be from 1900-01-01 to 9000-01-01");
    }

    @Test
    void aLockWaitOfElevenDigitHoursIsAUsageErrorWithTheLimit() {
        Run run = Run.of(main(), "maintain", "--lock-wait", "99999999999h");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).contains("'99999999999h' is longer than pgpart supports: --lock-wait must be at most 24h");
    }
}
