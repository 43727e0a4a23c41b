package dev.pgpart.archive;

/**
 * One part of an archive: a complete compressed CSV stream of whole records.
 *
 * @param bytes  its size in the store (compressed)
 * @param sha256 of those bytes, lower-case hex
 */
public record PartInfo(String key, long bytes, long rows, String sha256) {
}
