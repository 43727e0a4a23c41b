package dev.pgpart.plan;

import java.time.Duration;

/** How findings word a span of time: minutes under two hours, hours under three days, then days. */
public final class Durations {
    private Durations() {
    }

    public static String human(Duration d) {
        long minutes = Math.max(0, d.toMinutes());
        if (minutes < 120) {
            return minutes + " min";
        }
        long hours = minutes / 60;
        return hours < 72 ? hours + "h" : (hours / 24) + " days";
    }
}
