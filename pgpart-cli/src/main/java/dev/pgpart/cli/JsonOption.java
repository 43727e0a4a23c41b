package dev.pgpart.cli;

import picocli.CommandLine.Option;

/** {@code --json}: every command that reports prints its report as JSON with this. */
final class JsonOption {
    @Option(names = "--json", description = "Print JSON (schema in docs/cli.md).")
    boolean json;

    boolean on() {
        return json;
    }
}
