package dev.pgpart.cli;

import dev.pgpart.sql.QualifiedName;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --table}: one configured table instead of all, for the commands that report or act per table. */
final class TableOption {
    @Option(names = "--table", paramLabel = "TABLE", converter = Converters.TableName.class,
            description = "Only this configured table (schema.table; unqualified means public).")
    QualifiedName table;

    /** The table asked for; empty means every configured table. */
    Optional<QualifiedName> table() {
        return Optional.ofNullable(table);
    }
}
