package dev.pgpart.plan;

import dev.pgpart.internal.catalog.KeyType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDateTime;
import java.util.Optional;

/** Slots of a plain number key: slot {@code k} is {@code [k*step, (k+1)*step)}. */
public record NumericDomain(KeyType keyType, BigDecimal step) implements RangeDomain {

    @Override
    public BigDecimal lower(long slot) {
        return step.multiply(BigDecimal.valueOf(slot));
    }

    @Override
    public long approximateSlot(BigDecimal ordinal) {
        return ordinal.divide(step, 0, RoundingMode.FLOOR).longValueExact();
    }

    @Override
    public String suffix(long slot) {
        return lower(slot).stripTrailingZeros().toPlainString();
    }

    @Override
    public Optional<LocalDateTime> localLower(long slot) {
        return Optional.empty();
    }
}
