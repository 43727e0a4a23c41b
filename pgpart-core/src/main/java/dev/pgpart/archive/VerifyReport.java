package dev.pgpart.archive;

import dev.pgpart.sql.QualifiedName;
import java.util.List;
import java.util.Optional;

/**
 * What verifying an archive found.
 *
 * @param tableChecked whether the table still existed and was compared too
 * @param problems     each difference, naming the part or the table; empty when the archive is good
 */
public record VerifyReport(QualifiedName partition, String location, int parts, long rows, long bytes,
                           boolean tableChecked, Optional<RowChecksum.Value> tableChecksum, List<String> problems) {
    public VerifyReport {
        problems = List.copyOf(problems);
    }

    public boolean ok() {
        return problems.isEmpty();
    }
}
