package dev.pgpart.cli;

import java.time.Clock;
import java.time.Instant;
import picocli.CommandLine.Option;

/** {@code --at}: answer as if it were another time ("what about 2027-01-01 if cron stops?"). */
final class AtOption {
    @Option(names = "--at", paramLabel = "INSTANT", converter = Converters.AtInstant.class,
            description = "As if it were this time: 2027-01-01 (midnight UTC) or 2027-01-01T10:00:00Z,"
                    + " from 1900-01-01 to 9000-01-01. Default: now.")
    Instant at;

    /** The time asked for, else {@code clock}'s now. */
    Instant orNow(Clock clock) {
        return at != null ? at : clock.instant();
    }
}
