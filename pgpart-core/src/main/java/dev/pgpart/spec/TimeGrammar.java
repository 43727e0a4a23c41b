package dev.pgpart.spec;

import dev.pgpart.spec.ConfigNode.Scalar;
import dev.pgpart.spec.ConfigNode.Type;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Text grammars for {@code start}, {@code time_zone} and snowflake epochs. */
final class TimeGrammar {
    static final String START_HELP = "write a date or wall-clock time read in time_zone (2024-01-01, 2024-01-01 06:00,"
            + " 2024-01-01T06:00:00), or a number for numeric keys";
    private static final Pattern NUMBER = Pattern.compile("[+-]?\\d+(\\.\\d+)?");
    private static final Pattern OFFSET = Pattern.compile(".*(Z|[+-]\\d\\d(:?\\d\\d)?)$");
    private static final Pattern PREFIXED_OFFSET = Pattern.compile("(?i)(GMT|UTC|UT)[+-].*");
    private static final Pattern ISO_OFFSET = Pattern.compile("[+-]\\d\\d:\\d\\d");

    private TimeGrammar() {
    }

    /** {@code start}: a local date-time for calendar intervals, a number for numeric ones. */
    static Optional<Start> start(Scalar s, ConfigPath path, Problems problems) {
        String text = s.text().strip();
        if (s.type() == Type.INTEGER || s.type() == Type.FLOAT || NUMBER.matcher(text).matches()) {
            return Optional.of(new Start.AtValue(new BigDecimal(text)));
        }
        if (text.length() > 10 && OFFSET.matcher(text).matches()) {
            problems.add(s, path, "start '" + text + "' has a UTC offset, but start is a wall-clock time",
                    "drop the offset; the time is read in the table's time_zone (e.g. 2024-01-01 06:00)");
            return Optional.empty();
        }
        Optional<LocalDateTime> t = localDateTime(text);
        if (t.isEmpty()) {
            problems.add(s, path, "start '" + text + "' is not a date, time or number", START_HELP);
            return Optional.empty();
        }
        if (t.get().isBefore(Limits.EARLIEST) || t.get().isAfter(Limits.LATEST)) {
            problems.add(s, path, "start '" + text + "' is outside the times pgpart supports (" + Limits.timeRange() + ")",
                    "write a start from " + Limits.timeRange());
            return Optional.empty();
        }
        return t.map(Start.AtTime::new);
    }

    /** {@code 2024-01-01}, {@code 2024-01-01 06:00}, {@code 2024-01-01T06:00:00}; empty when invalid (2024-02-30 too). */
    static Optional<LocalDateTime> localDateTime(String text) {
        try {
            if (text.length() == 10) {
                return Optional.of(LocalDate.parse(text).atStartOfDay());
            }
            return Optional.of(LocalDateTime.parse(text.replaceFirst(" ", "T")));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** A snowflake epoch: a UTC date or date-time, an ISO instant, or Unix milliseconds (as Twitter documents it). */
    static Optional<Instant> epoch(Scalar s, ConfigPath path, Problems problems) {
        String text = s.text().strip();
        if (text.matches("\\d{1,15}")) {
            return Optional.of(Instant.ofEpochMilli(Long.parseLong(text)));
        }
        try {
            return Optional.of(Instant.parse(text.replaceFirst(" ", "T")));
        } catch (DateTimeParseException e) {
            Optional<LocalDateTime> t = localDateTime(text);
            if (t.isEmpty()) {
                problems.add(s, path, "epoch " + ConfigNode.describe(s) + " is not a date or instant",
                        "write the id generator's epoch in UTC, e.g. 2015-01-01, 2015-01-01T00:00:00Z or Unix milliseconds");
            }
            return t.map(v -> v.toInstant(ZoneOffset.UTC));
        }
    }

    /**
     * A region id such as {@code Europe/Paris} or {@code UTC}, or an ISO offset {@code +05:00} (east
     * of Greenwich). {@code GMT+5}, {@code UTC+5} and bare {@code +5} are refused: java.time reads them
     * as UTC+5, while PostgreSQL and IANA's {@code Etc/GMT+5} (POSIX signs) mean UTC-5.
     */
    static Optional<ZoneId> zone(Scalar s, ConfigPath path, Problems problems) {
        String text = s.text().strip();
        if (PREFIXED_OFFSET.matcher(text).matches() || (text.startsWith("+") || text.startsWith("-"))
                && !ISO_OFFSET.matcher(text).matches()) {
            problems.add(s, path, "time_zone '" + text + "' is ambiguous: java.time reads " + offsetPart(text)
                    + " as east of UTC, while PostgreSQL (POSIX) and IANA's Etc/GMT" + offsetPart(text)
                    + " read it as west of UTC", fixes(text));
            return Optional.empty();
        }
        try {
            return Optional.of(ZoneId.of(text));
        } catch (DateTimeException e) {
            Set<String> ids = ZoneId.getAvailableZoneIds();
            Optional<String> sameIgnoringCase = ids.stream().filter(id -> id.equalsIgnoreCase(text)).findFirst();
            String hint = sameIgnoringCase.map(id -> "did you mean " + id + "? ").orElse(Suggest.didYouMean(text, ids));
            problems.add(s, path, "time_zone '" + text + "' is not a known time zone",
                    hint + "write an IANA zone such as UTC, Europe/Paris or America/New_York, or an offset such as +05:00");
            return Optional.empty();
        }
    }

    /** The offset part as written, e.g. {@code +5} of {@code GMT+5}. */
    private static String offsetPart(String text) {
        return text.replaceFirst("(?i)^(GMT|UTC|UT)", "");
    }

    /** Both readings written unambiguously, so the user picks the one they meant. */
    private static String fixes(String text) {
        try {
            ZoneOffset east = ZoneOffset.of(offsetPart(text));
            ZoneOffset west = ZoneOffset.ofTotalSeconds(-east.getTotalSeconds());
            return "write " + iso(east) + " for UTC" + iso(east) + " or " + iso(west) + " for UTC" + iso(west)
                    + " (ISO 8601: + is east of Greenwich), or better an IANA zone such as Asia/Karachi or"
                    + " America/New_York (which also follows any daylight saving time)";
        } catch (DateTimeException e) {
            return "write an ISO 8601 offset such as +05:00 (+ is east of Greenwich) or an IANA zone such as Asia/Karachi";
        }
    }

    private static String iso(ZoneOffset o) {
        return o.getTotalSeconds() == 0 ? "+00:00" : o.getId();
    }
}
