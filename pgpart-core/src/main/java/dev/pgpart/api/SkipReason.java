package dev.pgpart.api;

/** Why an action was skipped without being tried. */
public enum SkipReason {
    /** It removes a partition and the run had no consent ({@code --yes}). */
    NO_CONSENT,
    /** {@code --skip-create}. */
    SKIP_CREATE,
    /** {@code --skip-delete}. */
    SKIP_DELETE
}
