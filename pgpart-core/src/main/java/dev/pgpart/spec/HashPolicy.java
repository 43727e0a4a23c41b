package dev.pgpart.spec;

/** HASH partitions with remainders 0 .. modulus-1, named {@code <parent>_p<remainder>}. */
public record HashPolicy(int modulus) implements Policy {
    public HashPolicy {
        if (modulus < 1) {
            throw new IllegalArgumentException("hash modulus must be at least 1, got " + modulus);
        }
    }

    @Override
    public Method method() {
        return Method.HASH;
    }
}
