package dev.pgpart.archive.s3;

/**
 * {@code s3://bucket/prefix}: the bucket and the key prefix every object of the store starts with
 * (empty, or ending with {@code /}).
 */
record S3Location(String bucket, String prefix) {
    static S3Location parse(String location) {
        if (!location.startsWith("s3://")) {
            throw new IllegalArgumentException("not an s3:// location: " + location);
        }
        String rest = location.substring("s3://".length());
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        String prefix = slash < 0 ? "" : rest.substring(slash + 1);
        if (bucket.isEmpty()) {
            throw new IllegalArgumentException("no bucket in " + location + ": write s3://bucket/prefix");
        }
        if (!prefix.isEmpty() && !prefix.endsWith("/")) {
            prefix = prefix + "/";
        }
        return new S3Location(bucket, prefix);
    }

    String key(String relative) {
        return prefix + relative;
    }

    String uri(String relative) {
        return "s3://" + bucket + "/" + key(relative);
    }
}
