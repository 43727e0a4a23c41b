package dev.pgpart.spec;

import dev.pgpart.spec.ConfigNode.Scalar;
import dev.pgpart.spec.RangePolicy.OnExpiry;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The RANGE options of a table: interval and what depends on its kind (calendar or numeric). */
final class RangeReader {
    static final int MAX_PREMAKE = 1000;

    private RangeReader() {
    }

    static Optional<RangePolicy> read(MapReader m) {
        Problems problems = m.problems();
        Optional<Interval> interval = m.scalar("interval", IntervalGrammar.INTERVAL_HELP)
                .flatMap(s -> IntervalGrammar.interval(s, "interval", m.path("interval"), problems));
        int premake = m.integer("premake", 0, MAX_PREMAKE, " (partitions made ahead of the current one)")
                .orElse(RangePolicy.DEFAULT_PREMAKE);
        Optional<Start> start = m.scalar("start", TimeGrammar.START_HELP)
                .flatMap(s -> TimeGrammar.start(s, m.path("start"), problems));
        Optional<Interval> retention = m.scalar("retention", IntervalGrammar.INTERVAL_HELP)
                .flatMap(s -> IntervalGrammar.interval(s, "retention", m.path("retention"), problems));
        OnExpiry onExpiry = onExpiry(m).orElse(OnExpiry.DETACH);
        ZoneId zone = m.scalar("time_zone", "an IANA zone such as UTC or Europe/Paris")
                .flatMap(s -> TimeGrammar.zone(s, m.path("time_zone"), problems)).orElse(ZoneOffset.UTC);
        Optional<IdEncoding> encoding = m.get("id_encoding").flatMap(n -> IdEncodingReader.read(n, m.path("id_encoding"), problems));
        if (interval.isEmpty()) {
            return Optional.empty();
        }
        boolean numeric = interval.get() instanceof Interval.Numeric;
        if (interval.get() instanceof Interval.Calendar cal) {
            reach(m, cal, premake);
        }
        // a start or retention of the other kind is reported and left out, so the policy stays consistent
        Optional<Interval> fittingRetention = retention.filter(r ->
                fits(m, "retention", r instanceof Interval.Numeric, numeric, interval.get()));
        Optional<Start> fittingStart = start.filter(s -> fits(m, "start", s instanceof Start.AtValue, numeric, interval.get()));
        if (numeric && encoding.isPresent()) {
            problems.add(m.get("id_encoding").orElseThrow(), m.path("id_encoding"), "id_encoding is set, but interval "
                    + interval.get() + " is numeric: id_encoding maps calendar intervals onto uuid or bigint ids",
                    "remove id_encoding, or write a calendar interval such as 1 month");
        }
        // "UTC", "Etc/UTC" and the default are the same zone: normalize so equal configs give equal specs.
        ZoneId normalized = zone.normalized().equals(ZoneOffset.UTC) ? ZoneOffset.UTC : zone;
        return Optional.of(new RangePolicy(interval.get(), premake, fittingStart, fittingRetention, onExpiry, normalized,
                encoding.orElse(IdEncoding.NONE)));
    }

    /** {@code (premake + 1) * interval} ahead of the latest supported time must stay a time PostgreSQL and pgpart can write. */
    private static void reach(MapReader m, Interval.Calendar interval, int premake) {
        double years = Limits.days(interval, premake + 1L) / 365.25;
        if (years <= Limits.MAX_REACH_YEARS) {
            return;
        }
        long fit = (long) Math.floor(Limits.MAX_REACH_YEARS / (Limits.days(interval, 1) / 365.25)) - 1;
        ConfigNode at = m.get("premake").or(() -> m.get("interval")).orElseThrow();
        m.problems().add(at, m.path(m.has("premake") ? "premake" : "interval"), "premake " + premake + " with interval "
                + interval + " makes partitions " + Math.round(years) + " years ahead; pgpart supports at most "
                + Limits.MAX_REACH_YEARS + " years", fit >= 0 ? "lower premake to at most " + fit : "use a shorter interval");
    }

    /** A numeric retention or start with a calendar interval (or the reverse) cannot be compared with the bounds. */
    private static boolean fits(MapReader m, String key, boolean valueNumeric, boolean intervalNumeric, Interval interval) {
        if (valueNumeric == intervalNumeric) {
            return true;
        }
        Scalar s = (Scalar) m.get(key).orElseThrow();
        String expected = key.equals("start")
                ? (intervalNumeric ? "a key value such as 1000000" : "a date such as 2024-01-01")
                : (intervalNumeric ? "a number of key values such as 50000000" : "a calendar interval such as 12 months");
        m.problems().add(s, m.path(key), key + " " + ConfigNode.describe(s) + " is " + (valueNumeric ? "numeric" : "a time")
                + ", but interval " + interval + " is " + (intervalNumeric ? "numeric" : "a calendar interval"), "write " + expected);
        return false;
    }

    private static Optional<OnExpiry> onExpiry(MapReader m) {
        Optional<Scalar> s = m.scalar("on_expiry", "detach, drop or archive");
        if (s.isEmpty()) {
            return Optional.empty();
        }
        String t = s.get().text().strip().toLowerCase(Locale.ROOT);
        if (t.equals("detach") || t.equals("drop") || t.equals("archive")) {
            return Optional.of(OnExpiry.valueOf(t.toUpperCase(Locale.ROOT)));
        }
        m.problems().add(s.get(), m.path("on_expiry"), "on_expiry is " + ConfigNode.describe(s.get()),
                Suggest.didYouMean(t, List.of("detach", "drop", "archive")) + "write detach (keep the table, detached), drop (delete it)"
                        + " or archive (export it to the archive: location, verify, then drop it)");
        return Optional.empty();
    }
}
