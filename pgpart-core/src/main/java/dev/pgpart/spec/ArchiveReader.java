package dev.pgpart.spec;

import dev.pgpart.spec.ConfigNode.Mapping;
import dev.pgpart.spec.ConfigNode.Scalar;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An {@code archive:} block. A table's block overrides the top-level one key by key, so a table
 * may change only its prefix or compression; the merged result must name a location.
 */
final class ArchiveReader {
    static final List<String> KEYS = List.of("location", "region", "endpoint", "path_style", "compression", "part_size");
    private static final Pattern SIZE = Pattern.compile("(\\d{1,13})\\s*(b|kb|mb|gb|kib|mib|gib)?", Pattern.CASE_INSENSITIVE);
    private static final String SIZE_HELP = "a size such as 256MB, 64MB or 1GB";

    /** What one block says; unset keys fall back to the top level, then to the defaults. */
    record Partial(Optional<String> location, Optional<String> region, Optional<String> endpoint, Optional<Boolean> pathStyle,
                   Optional<ArchiveSpec.Compression> compression, Optional<Long> partSize) {
        static final Partial NONE = new Partial(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());

        Partial over(Partial base) {
            return new Partial(location.or(base::location), region.or(base::region), endpoint.or(base::endpoint),
                    pathStyle.or(base::pathStyle), compression.or(base::compression), partSize.or(base::partSize));
        }

        Optional<ArchiveSpec> spec() {
            return location.map(l -> new ArchiveSpec(l, region, endpoint, pathStyle.orElse(false),
                    compression.orElse(ArchiveSpec.Compression.ZSTD), partSize.orElse(ArchiveSpec.DEFAULT_PART_SIZE)));
        }
    }

    private ArchiveReader() {
    }

    static Partial read(ConfigNode node, ConfigPath path, Problems problems) {
        if (!(node instanceof Mapping map)) {
            problems.add(node, path, "archive is " + ConfigNode.describe(node) + ", not a mapping",
                    "write e.g. archive: {location: file:///srv/pgpart-archive}");
            return Partial.NONE;
        }
        MapReader m = new MapReader(map, path, problems, KEYS);
        Optional<String> location = m.text("location", "file:///absolute/dir or s3://bucket/prefix").map(String::strip)
                .filter(l -> location(m, l));
        Optional<String> region = m.text("region", "an AWS region such as eu-west-1").map(String::strip);
        Optional<String> endpoint = m.text("endpoint", "a URL such as http://minio:9000").map(String::strip)
                .filter(e -> endpoint(m, e));
        Optional<Boolean> pathStyle = m.bool("path_style");
        Optional<ArchiveSpec.Compression> compression = m.scalar("compression", "zstd, gzip or none").flatMap(s -> compression(m, s));
        Optional<Long> partSize = m.scalar("part_size", SIZE_HELP).flatMap(s -> size(m, s));
        if (location.isPresent() && !location.get().startsWith("s3:")) {
            for (String key : List.of("region", "endpoint", "path_style")) {
                m.entry(key).ifPresent(e -> problems.add(e.key(), m.path(key), key + " applies to s3:// locations only,"
                        + " but location is " + location.get(), "remove " + key));
            }
        }
        return new Partial(location, region, endpoint, pathStyle, compression, partSize);
    }

    private static boolean location(MapReader m, String l) {
        ConfigNode at = m.get("location").orElseThrow();
        if (l.startsWith("file:///") && l.length() > "file:///".length()) {
            return true;
        }
        if (l.startsWith("s3://") && l.length() > "s3://".length() && !l.startsWith("s3:///")) {
            return true;
        }
        m.problems().add(at, m.path("location"), "location '" + l + "' is neither a file:/// directory nor an s3:// bucket",
                "write file:///srv/pgpart-archive (an absolute directory) or s3://bucket/prefix");
        return false;
    }

    private static boolean endpoint(MapReader m, String e) {
        if (e.startsWith("http://") || e.startsWith("https://")) {
            return true;
        }
        m.problems().add(m.get("endpoint").orElseThrow(), m.path("endpoint"), "endpoint '" + e + "' is not an http(s) URL",
                "write e.g. https://minio.internal:9000");
        return false;
    }

    private static Optional<ArchiveSpec.Compression> compression(MapReader m, Scalar s) {
        String t = s.text().strip().toLowerCase(Locale.ROOT);
        for (ArchiveSpec.Compression c : ArchiveSpec.Compression.values()) {
            if (c.key().equals(t)) {
                return Optional.of(c);
            }
        }
        m.problems().add(s, m.path("compression"), "compression is " + ConfigNode.describe(s),
                Suggest.didYouMean(t, List.of("zstd", "gzip", "none")) + "write zstd (the default), gzip or none");
        return Optional.empty();
    }

    /** {@code 256MB}: KB, MB and GB are powers of 1024 here, as for PostgreSQL's memory settings. */
    static Optional<Long> size(MapReader m, Scalar s) {
        Matcher x = SIZE.matcher(s.text().strip());
        if (!x.matches()) {
            m.problems().add(s, m.path("part_size"), "part_size is " + ConfigNode.describe(s), "write " + SIZE_HELP);
            return Optional.empty();
        }
        String unit = x.group(2) == null ? "b" : x.group(2).toLowerCase(Locale.ROOT);
        long factor = switch (unit.charAt(0)) {
            case 'k' -> 1024L;
            case 'm' -> 1024L * 1024;
            case 'g' -> 1024L * 1024 * 1024;
            default -> 1L;
        };
        long bytes = Long.parseLong(x.group(1)) * factor;
        if (bytes < ArchiveSpec.MIN_PART_SIZE || bytes > ArchiveSpec.MAX_PART_SIZE) {
            m.problems().add(s, m.path("part_size"), "part_size is " + s.text().strip() + ", outside 1KB..5GB",
                    "write " + SIZE_HELP + " (S3 allows objects of up to 5GB per part upload)");
            return Optional.empty();
        }
        return Optional.of(bytes);
    }
}
