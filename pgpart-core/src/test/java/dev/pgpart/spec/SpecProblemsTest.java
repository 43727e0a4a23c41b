package dev.pgpart.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SpecProblemsTest {
    private static final String T = "pgpart.yml:%d tables.\"public.orders\"";

    /** One bad config and the problem it must produce: where exactly, and words of the problem and of the fix. */
    record Case(String name, String yaml, String where, String problem, String fix) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** A file with one table; {@code body} lines start at line 3. */
    static String orders(String... body) {
        StringBuilder b = new StringBuilder("tables:\n  public.orders:\n");
        for (String line : body) {
            b.append("    ").append(line).append('\n');
        }
        return b.toString();
    }

    static String at(int line, String key) {
        return String.format(T, line) + (key.isEmpty() ? "" : "." + key);
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("an unknown table key suggests the closest known one", orders("intervall: 1 month"),
                        at(3, "intervall"), "unknown key 'intervall'", "did you mean interval?"),
                new Case("an unknown top-level key suggests the closest known one", "lock_timout: 2s\n" + orders("hash: {modulus: 2}"),
                        "pgpart.yml:1 lock_timout", "unknown key 'lock_timout'", "did you mean lock_timeout?"),
                new Case("a table at the top level is told to go under tables", "public.events:\n  interval: 1 day\n" + orders("hash: {modulus: 2}"),
                        "pgpart.yml:1 \"public.events\"", "unknown key 'public.events'", "table entries go under 'tables:'"),
                new Case("a misspelled key inside hash is reported", orders("hash: {modulos: 2}"),
                        at(3, "hash.modulos"), "unknown key 'modulos'", "did you mean modulus?"),
                new Case("premake must be a number", orders("interval: 1 day", "premake: four"),
                        at(4, "premake"), "premake must be a whole number, got 'four'", "0 to 1000"),
                new Case("premake cannot be a list", orders("interval: 1 day", "premake: [1]"),
                        at(4, "premake"), "premake is a list", "whole number"),
                new Case("premake cannot be negative", orders("interval: 1 day", "premake: -1"),
                        at(4, "premake"), "premake is -1, outside 0..1000", "0 to 1000"),
                new Case("premake has an upper limit", orders("interval: 1 day", "premake: 1001"),
                        at(4, "premake"), "premake is 1001", "0 to 1000"),
                new Case("yes is not a boolean in YAML 1.2", orders("hash: {modulus: 2}", "expire_unmanaged: yes"),
                        at(4, "expire_unmanaged"), "must be true or false, got 'yes'", "YAML 1.2"),
                new Case("an interval with a misspelled unit suggests the unit", orders("interval: 3 mnths"),
                        at(3, "interval"), "'3 mnths' is not an interval", "did you mean '3 months'?"),
                new Case("an unknown interval word lists the grammar", orders("interval: fortnightly"),
                        at(3, "interval"), "'fortnightly' is not an interval", "hour(s)|day(s)"),
                new Case("minutes are not a partition interval", orders("interval: 15 minutes"),
                        at(3, "interval"), "'15 minutes' is not an interval", "hour(s)"),
                new Case("a zero calendar interval is reported", orders("interval: 0 days"),
                        at(3, "interval"), "'0 days' is empty", "at least 1"),
                new Case("a zero numeric interval is reported", orders("interval: 0"),
                        at(3, "interval"), "interval 0 is not positive", "greater than 0"),
                new Case("an empty interval is reported", orders("interval:"),
                        at(3, "interval"), "interval is empty", "write N hour(s)"),
                new Case("a duration without unit asks for one", "lock_timeout: 2000\n" + orders("hash: {modulus: 2}"),
                        "pgpart.yml:1 lock_timeout", "lock_timeout 2000 is not a duration", "2000ms or 2000s"),
                new Case("a duration with an unknown unit lists the units", orders("hash: {modulus: 2}", "lock_timeout: 2 fortnights"),
                        at(4, "lock_timeout"), "'2 fortnights' is not a duration", "ms, s, min"),
                new Case("a zero lock_timeout is refused because it disables the timeout", "lock_timeout: 0s\n" + orders("hash: {modulus: 2}"),
                        "pgpart.yml:1 lock_timeout", "0 disables the timeout", "positive duration"),
                new Case("a misspelled zone suggests the real one", orders("interval: 1 day", "time_zone: Europe/Pariss"),
                        at(4, "time_zone"), "'Europe/Pariss' is not a known time zone", "did you mean Europe/Paris?"),
                new Case("a zone in the wrong case suggests the right case", orders("interval: 1 day", "time_zone: europe/paris"),
                        at(4, "time_zone"), "not a known time zone", "did you mean Europe/Paris?"),
                new Case("an impossible date is reported", orders("interval: 1 day", "start: 2024-02-30"),
                        at(4, "start"), "start '2024-02-30' is not a date", "2024-01-01 06:00"),
                new Case("a start with an offset is refused since start is read in time_zone", orders("interval: 1 day", "start: 2024-01-01T00:00:00Z"),
                        at(4, "start"), "has a UTC offset", "time_zone"),
                new Case("a table without method is told the three choices", orders("premake: 4"),
                        at(2, ""), "no partitioning method", "interval: (RANGE"),
                new Case("a table with two methods is reported at the second", orders("interval: 1 day", "hash: {modulus: 2}"),
                        at(4, ""), "several partitioning methods: interval and hash", "exactly one"),
                new Case("hash tables cannot have a default partition", orders("hash: {modulus: 4}", "default_partition: true"),
                        at(4, "default_partition"), "cannot have a DEFAULT partition", "remove default_partition"),
                new Case("hash needs a modulus", orders("hash: {}"),
                        at(3, "hash.modulus"), "hash has no modulus", "modulus: 8"),
                new Case("hash modulus is a mapping, not a number", orders("hash: 8"),
                        at(3, "hash"), "hash is 8, not a mapping", "hash: {modulus: N}"),
                new Case("retention needs an interval", orders("list: {eu: [EU]}", "retention: 12 months"),
                        at(4, "retention"), "retention without interval", "BY RANGE"),
                new Case("premake needs an interval", orders("list: {eu: [EU]}", "premake: 2"),
                        at(4, "premake"), "premake applies to RANGE tables", "remove premake"),
                new Case("a calendar retention does not fit a numeric interval", orders("interval: 1000", "retention: 12 months"),
                        at(4, "retention"), "retention '12 months' is a time, but interval 1000 is numeric", "50000000"),
                new Case("a numeric retention does not fit a calendar interval", orders("interval: 1 month", "retention: 1000"),
                        at(4, "retention"), "retention 1000 is numeric, but interval 1 month is a calendar interval", "12 months"),
                new Case("a date start does not fit a numeric interval", orders("interval: 1000", "start: 2024-01-01"),
                        at(4, "start"), "start '2024-01-01' is a time, but interval 1000 is numeric", "1000000"),
                new Case("a numeric start does not fit a calendar interval", orders("interval: 1 day", "start: 5"),
                        at(4, "start"), "start 5 is numeric", "2024-01-01"),
                new Case("id_encoding does not fit a numeric interval", orders("interval: 1000", "id_encoding: uuidv7"),
                        at(4, "id_encoding"), "interval 1000 is numeric", "remove id_encoding"),
                new Case("a misspelled id_encoding suggests uuidv7", orders("interval: 1 day", "id_encoding: uuid7"),
                        at(4, "id_encoding"), "id_encoding is 'uuid7'", "did you mean uuidv7?"),
                new Case("snowflake needs a shift", orders("interval: 1 day", "id_encoding: {snowflake: {epoch: 2015-01-01}}"),
                        at(4, "id_encoding.snowflake.shift"), "snowflake needs shift", "shift: 22"),
                new Case("snowflake shift has a range", orders("interval: 1 day", "id_encoding: {snowflake: {epoch: 2015-01-01, shift: 63}}"),
                        at(4, "id_encoding.snowflake.shift"), "shift is 63, outside 0..62", "0 to 62"),
                new Case("on_expiry accepts detach or drop", orders("interval: 1 day", "on_expiry: dorp"),
                        at(4, "on_expiry"), "on_expiry is 'dorp'", "did you mean drop?"),
                new Case("an empty list partition is reported", orders("list: {eu: [], na: [NA]}"),
                        at(3, "list.eu"), "list partition 'eu' has no values", "write null"),
                new Case("a list partition without value is reported", orders("list:", "  eu:", "  na: [NA]"),
                        at(4, "list.eu"), "list partition 'eu' has no values", "[EU]"),
                new Case("a list without partitions is reported", orders("list: {}"),
                        at(3, "list"), "list has no partitions", "suffix: [values]"),
                new Case("a value in two list partitions is reported at the second", orders("list:", "  eu: [DE, FR]", "  west: [PT, FR]"),
                        at(5, "list.west"), "value 'FR' is in both 'eu' and 'west'", "exactly one"),
                new Case("NULL in two list partitions is reported", orders("list: {a: [null], b: ~}"),
                        at(3, "list.b"), "value NULL is in both 'a' and 'b'", "one partition"),
                new Case("a nested list value is reported with its index", orders("list: {a: [x, [y]]}"),
                        at(3, "list.a[1]"), "a list value is a list", "suffix: [values]"),
                new Case("a name_format without a varying token is reported", orders("interval: 1 day", "name_format: '{parent}_data'"),
                        at(4, "name_format"), "gives every child the same name", "{lower}"),
                new Case("a name_format with an unknown token is reported", orders("list: {eu: [EU]}", "name_format: '{parent}_{lower}'"),
                        at(4, "name_format"), "has token {lower}, which LIST tables do not have", "{suffix}"),
                new Case("a name_format with an unclosed brace is reported", orders("hash: {modulus: 2}", "name_format: '{parent}_{remainder'"),
                        at(4, "name_format"), "unbalanced", "{parent}"),
                new Case("a name_format pattern must be valid", orders("interval: 1 day", "name_format: '{parent}_{lower:yyyyMMddbb}'"),
                        at(4, "name_format"), "pattern 'yyyyMMddbb' is invalid", "yyyyMMdd"),
                new Case("a name_format pattern must be fine enough for the interval", orders("interval: 1 day", "name_format: '{parent}_{lower:yyyyMM}'"),
                        at(4, "name_format"), "pattern 'yyyyMM' has no day of the month, so partitions 1 day wide would get names"
                        + " that collide or mislead", "MM for the month and dd for the day, e.g. {lower:yyyyMMdd}"),
                new Case("a week-based year is refused: 2027-12-27 would be named 2028", orders("interval: 1 week",
                        "name_format: '{parent}_{lower:YYYYMMdd}'"), at(4, "name_format"),
                        "uses Y, the week-based year (2027-12-27 is in week-year 2028)", "use yyyy (or uuuu) for the year"),
                new Case("a pattern without the year is refused", orders("interval: 1 month", "name_format: '{parent}_{lower:MM}'"),
                        at(4, "name_format"), "pattern 'MM' has no year", "yyyy (or uuuu) for the year and MM for the month"),
                new Case("a two-digit year is refused", orders("interval: 1 month", "name_format: '{parent}_{lower:yyMM}'"),
                        at(4, "name_format"), "has a two-digit year", "yyyy"),
                new Case("a day without its month is refused", orders("interval: 1 day", "name_format: '{parent}_{lower:yyyy_dd}'"),
                        at(4, "name_format"), "has no month and day", "dd for the day"),
                new Case("hourly partitions need the 24-hour clock", orders("interval: 1 hour", "name_format: '{parent}_{lower:yyyyMMdd_hh}'"),
                        at(4, "name_format"), "has no 24-hour clock hour", "HH for the hour (00-23)"),
                new Case("GMT+5 is refused: java.time and PostgreSQL read its sign differently", orders("interval: 1 day",
                        "time_zone: GMT+5"), at(4, "time_zone"), "'GMT+5' is ambiguous", "write +05:00 for UTC+05:00 or -05:00 for UTC-05:00"),
                new Case("UTC-3 is refused the same way", orders("interval: 1 day", "time_zone: UTC-3"),
                        at(4, "time_zone"), "'UTC-3' is ambiguous", "Asia/Karachi"),
                new Case("a bare +5 is refused", orders("interval: 1 day", "time_zone: '+5'"),
                        at(4, "time_zone"), "'+5' is ambiguous", "+05:00"),
                new Case("an interval of 10000 years is refused with the supported range", orders("interval: 10000 years"),
                        at(3, "interval"), "'10000 years' is longer than pgpart supports (at most 100 years)", "at most 100 years"),
                new Case("a retention of 2000 months is refused", orders("interval: 1 month", "retention: 2000 months"),
                        at(4, "retention"), "longer than pgpart supports", "at most 1200 months"),
                new Case("a start before 1900 is refused", orders("interval: 1 day", "start: 1600-01-01"),
                        at(4, "start"), "start '1600-01-01' is outside the times pgpart supports (1900-01-01 to 9000-01-01)",
                        "1900-01-01 to 9000-01-01"),
                new Case("a start after 9000 is refused", orders("interval: 1 year", "start: 9999-01-01"),
                        at(4, "start"), "outside the times pgpart supports", "9000-01-01"),
                new Case("premake reaching more than 999 years ahead is refused", orders("interval: 1 year", "premake: 1000"),
                        at(4, "premake"), "premake 1000 with interval 1 year makes partitions 1001 years ahead", "at most 998"),
                new Case("a lock_timeout beyond 24h is refused", orders("interval: 1 day", "lock_timeout: 99999999999h"),
                        at(4, "lock_timeout"), "longer than pgpart supports (at most 24h)", "at most 24h"),
                new Case("a date pattern does not fit a numeric interval", orders("interval: 100", "name_format: '{parent}_{lower:yyyy}'"),
                        at(4, "name_format"), "interval is numeric", "{lower}"),
                new Case("subpartition needs a key and says what it is", orders("interval: 1 day", "subpartition: {hash: {modulus: 4}}"),
                        at(4, "subpartition.key"), "subpartition has no key column", "add key: <column>"),
                new Case("subpartition needs list or hash", orders("interval: 1 day", "subpartition: {key: region}"),
                        at(4, "subpartition"), "neither list nor hash", "hash: {modulus: 4}"),
                new Case("subpartition applies to range tables only", orders("hash: {modulus: 2}", "subpartition: {key: a, hash: {modulus: 2}}"),
                        at(4, "subpartition"), "subpartition applies to RANGE tables", "remove subpartition"),
                new Case("a repeated key is reported with the first occurrence", orders("interval: 1 day", "interval: 1 month"),
                        at(4, "interval"), "key 'interval' is repeated (first at pgpart.yml:3)", "keep one"),
                new Case("table settings must be a mapping", "tables:\n  public.orders: 1 month\n",
                        at(2, ""), "table settings are '1 month', not a mapping", "indent"),
                new Case("two keys naming the same table are reported", "tables:\n  orders: {hash: {modulus: 2}}\n  public.orders: {hash: {modulus: 2}}\n",
                        at(3, ""), "'public.orders' and 'orders' (at pgpart.yml:2) both name table public.orders", "merge"),
                new Case("an invalid table name is reported", "tables:\n  a.b.c: {hash: {modulus: 2}}\n",
                        "pgpart.yml:2 tables.\"a.b.c\"", "'a.b.c' is not a table name", "schema.table"),
                new Case("a table name longer than PostgreSQL keeps is reported", "tables:\n  " + "x".repeat(64) + ": {hash: {modulus: 2}}\n",
                        "pgpart.yml:2 tables." + "x".repeat(64), "is 64 bytes", "as the database has it"),
                new Case("an unterminated quoted table name is reported", "tables:\n  '\"Orders': {hash: {modulus: 2}}\n",
                        "pgpart.yml:2 tables.\"\\\"Orders\"", "unterminated quoted identifier", "double-quote"),
                new Case("a file without tables is reported", "lock_timeout: 2s\n",
                        "pgpart.yml:1 tables", "tables is missing", "add 'tables:'"),
                new Case("an empty file is reported", "", "pgpart.yml:1", "the configuration is empty", "tables:"),
                new Case("a list at the top is reported", "- a\n", "pgpart.yml:1", "the configuration is a list", "tables:"),
                new Case("a YAML syntax error carries its line", orders("interval: 1 month", "list: {na: [NA}"),
                        "pgpart.yml:4", "YAML syntax error", "fix the YAML near this line"),
                new Case("bad indentation carries its line", "tables:\n  t:\n    interval: 1 month\n   premake: 4\n",
                        "pgpart.yml:4", "YAML syntax error", "indent"),
                new Case("a tab carries its line and says why", "tables:\n  t:\n\tinterval: 1 month\n",
                        "pgpart.yml:3", "YAML syntax error", "not allow tabs"),
                new Case("an unclosed quote names where it started", "tables:\n  t:\n    interval: \"1 month\n",
                        "pgpart.yml:4", "started at line 3", "quote"),
                new Case("a second YAML document is reported", orders("hash: {modulus: 2}") + "---\ntables: {}\n",
                        "pgpart.yml:5", "more than one YAML document", "remove the second '---'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void eachMistakeIsReportedWithWhereWhatAndFix(Case c) {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> SpecLoader.parse(c.yaml(), "pgpart.yml"));
        assertThat(e).as("no problem reported for:\n%s", c.yaml()).isNotNull();
        assertThat(e.problems()).as(e.getMessage()).anySatisfy(p -> {
            assertThat(p.where()).isEqualTo(c.where());
            assertThat(p.problem()).contains(c.problem());
            assertThat(p.fix()).contains(c.fix());
        });
    }

    @Test
    void everyProblemInAFileIsReportedInOneRunWithItsLine() {
        String yaml = """
                lock_timeout: 2
                tables:
                  public.orders:
                    interval: 1 mnth
                    premake: -2
                    default_partition: yes
                  public.customers:
                    hash: {modulus: 8}
                    default_partition: true
                  public.regions:
                    list: {eu: [EU], west: [EU]}
                    retention: 1 year
                  public.events:
                    intervl: 1000
                """;
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> SpecLoader.parse(yaml, "pgpart.yml"));
        assertThat(e.problems()).extracting(ConfigProblem::where).containsExactly(
                "pgpart.yml:1 lock_timeout",
                "pgpart.yml:4 tables.\"public.orders\".interval",
                "pgpart.yml:5 tables.\"public.orders\".premake",
                "pgpart.yml:6 tables.\"public.orders\".default_partition",
                "pgpart.yml:9 tables.\"public.customers\".default_partition",
                "pgpart.yml:12 tables.\"public.regions\".retention",
                "pgpart.yml:11 tables.\"public.regions\".list.west",
                "pgpart.yml:14 tables.\"public.events\".intervl",
                "pgpart.yml:13 tables.\"public.events\"");
        assertThat(e.getMessage()).startsWith("9 configuration problems:");
        assertThat(e.code().exitCode()).isEqualTo(2);
    }

    @Test
    void problemsReadAsWhereThenWhatThenFix() {
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> SpecLoader.parse(orders("interval: 1 mnth"), "conf/pgpart.yml"));
        assertThat(e.problems()).extracting(ConfigProblem::toString).containsExactly(
                "conf/pgpart.yml:3 tables.\"public.orders\".interval: interval '1 mnth' is not an interval -> did you mean"
                        + " '1 month'? " + IntervalGrammar.INTERVAL_HELP);
    }

    @Test
    void problemListsAreImmutable() {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> SpecLoader.parse("", "x"));
        assertThat(e.problems()).isUnmodifiable();
        assertThat(List.copyOf(e.problems())).hasSize(1);
    }
}
