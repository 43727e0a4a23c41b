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

    /** A region id such as {@code Europe/Paris}, {@code UTC} or an offset such as {@code +02:00}. */
    static Optional<ZoneId> zone(Scalar s, ConfigPath path, Problems problems) {
        String text = s.text().strip();
        try {
            return Optional.of(ZoneId.of(text));
        } catch (DateTimeException e) {
            Set<String> ids = ZoneId.getAvailableZoneIds();
            Optional<String> sameIgnoringCase = ids.stream().filter(id -> id.equalsIgnoreCase(text)).findFirst();
            String hint = sameIgnoringCase.map(id -> "did you mean " + id + "? ").orElse(Suggest.didYouMean(text, ids));
            problems.add(s, path, "time_zone '" + text + "' is not a known time zone",
                    hint + "write an IANA zone such as UTC, Europe/Paris or America/New_York");
            return Optional.empty();
        }
    }
}
