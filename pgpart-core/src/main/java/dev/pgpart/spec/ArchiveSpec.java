package dev.pgpart.spec;

import java.util.Locale;
import java.util.Optional;

/**
 * Where and how expired partitions are archived ({@code archive:} at the top level as the default
 * for every table, or per table). Credentials are never part of it: S3 uses the standard AWS
 * provider chain.
 *
 * @param location    {@code file:///srv/pgpart-archive} or {@code s3://bucket/prefix}
 * @param region      S3 only
 * @param endpoint    S3 only: a non-AWS store such as MinIO or Ceph
 * @param pathStyle   S3 only: {@code http://host/bucket/key} addressing (most non-AWS stores)
 * @param partSize    parts are cut at the first row boundary after this many compressed bytes
 */
public record ArchiveSpec(String location, Optional<String> region, Optional<String> endpoint, boolean pathStyle,
                          Compression compression, long partSize) {
    public static final long DEFAULT_PART_SIZE = 256L * 1024 * 1024;
    public static final long MIN_PART_SIZE = 1024;
    public static final long MAX_PART_SIZE = 5L * 1024 * 1024 * 1024;

    public ArchiveSpec {
        if (partSize < MIN_PART_SIZE || partSize > MAX_PART_SIZE) {
            throw new IllegalArgumentException("part_size must be between 1KB and 5GB, got " + partSize);
        }
    }

    /** A local-directory store with the defaults (zstd, 256MB parts). */
    public static ArchiveSpec local(String location) {
        return new ArchiveSpec(location, Optional.empty(), Optional.empty(), false, Compression.ZSTD, DEFAULT_PART_SIZE);
    }

    public ArchiveSpec withPartSize(long bytes) {
        return new ArchiveSpec(location, region, endpoint, pathStyle, compression, bytes);
    }

    public ArchiveSpec withCompression(Compression c) {
        return new ArchiveSpec(location, region, endpoint, pathStyle, c, partSize);
    }

    /** The URI scheme of {@link #location()}, lower case: {@code file} or {@code s3}. */
    public String scheme() {
        int colon = location.indexOf(':');
        return colon < 0 ? "" : location.substring(0, colon).toLowerCase(Locale.ROOT);
    }

    public enum Compression {
        ZSTD(".zst"), GZIP(".gz"), NONE("");

        private final String extension;

        Compression(String extension) {
            this.extension = extension;
        }

        /** File name suffix after {@code .csv}. */
        public String extension() {
            return extension;
        }

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
