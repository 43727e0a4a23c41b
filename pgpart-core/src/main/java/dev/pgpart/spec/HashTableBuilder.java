package dev.pgpart.spec;

/** A HASH table: its modulus is given to {@link SpecBuilder#hash}; only the common settings remain. */
public final class HashTableBuilder extends TableBuilder<HashTableBuilder> {
    HashTableBuilder() {
    }

    @Override
    HashTableBuilder self() {
        return this;
    }
}
