package dev.pgpart.spec;

import dev.pgpart.internal.catalog.KeyColumn;
import dev.pgpart.internal.catalog.KeyType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * LIST values read as values of the key's type, the way PostgreSQL reads them: {@code '03'} on an
 * integer key is the value 3. Comparing canonical texts is comparing values.
 */
public final class KeyValues {
    private KeyValues() {
    }

    /** Whether this type's values are compared as such; other types are compared as written. */
    public static boolean typed(KeyType type) {
        return type == KeyType.INTEGER || type == KeyType.NUMERIC || type == KeyType.DATE || type == KeyType.UUID;
    }

    /**
     * The canonical text of {@code text} as a value of {@code type} ({@code 03} -> {@code 3},
     * {@code 1.50} -> {@code 1.5}); empty when it is not one. Untyped keys keep the text.
     */
    public static Optional<String> canonical(KeyType type, String text) {
        String s = text.strip();
        try {
            return switch (type) {
                case INTEGER -> Optional.of(new BigDecimal(s)).filter(v -> v.stripTrailingZeros().scale() <= 0)
                        .map(v -> v.toBigIntegerExact().toString());
                case NUMERIC -> Optional.of(new BigDecimal(s).stripTrailingZeros().toPlainString());
                case DATE -> Optional.of(LocalDate.parse(s).toString());
                case UUID -> Optional.of(UUID.fromString(s).toString().toLowerCase(Locale.ROOT));
                default -> Optional.of(text);
            };
        } catch (IllegalArgumentException | ArithmeticException | DateTimeParseException e) {
            // not a value of this type: the caller reports it with the key's type name
            return Optional.empty();
        }
    }

    /** Why {@code text} cannot be a value of {@code key}, if it cannot. */
    static Optional<String> refusal(KeyColumn key, String text) {
        if (!typed(key.type())) {
            return Optional.empty();
        }
        Optional<String> value = canonical(key.type(), text);
        if (value.isEmpty()) {
            return Optional.of("'" + text + "' is not a value of type " + key.typeName());
        }
        if (key.type() == KeyType.INTEGER || key.type() == KeyType.NUMERIC) {
            Optional<KeyLimits> limits = KeyLimits.of(key);
            if (limits.isPresent() && !limits.get().contains(new BigDecimal(value.get()))) {
                return Optional.of("'" + text + "' is outside the range of " + key.typeName() + " (" + limits.get() + ")");
            }
        }
        return Optional.empty();
    }
}
