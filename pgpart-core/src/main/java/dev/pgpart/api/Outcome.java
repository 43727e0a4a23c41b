package dev.pgpart.api;

/** What happened to one action. */
public enum Outcome {
    APPLIED,
    /** Not run: no consent ({@code --yes}), filtered out (--skip-create/--skip-delete), or already done. */
    SKIPPED,
    FAILED
}
