package dev.pgpart.spec;

import java.time.Instant;

/** How a non-time key carries time, so calendar intervals can be mapped onto it. */
public sealed interface IdEncoding permits IdEncoding.None, IdEncoding.UuidV7, IdEncoding.Snowflake {
    /** The key is a date/timestamp (calendar intervals) or a plain number (numeric intervals). */
    record None() implements IdEncoding {
    }

    /** RFC 9562 UUID version 7: the first 48 bits are Unix milliseconds. */
    record UuidV7() implements IdEncoding {
    }

    /** A bigint whose bits above {@code shift} are milliseconds since {@code epoch}. */
    record Snowflake(Instant epoch, int shift) implements IdEncoding {
        public Snowflake {
            if (shift < 0 || shift > 62) {
                throw new IllegalArgumentException("snowflake shift must be between 0 and 62, got " + shift);
            }
        }
    }

    IdEncoding NONE = new None();
}
