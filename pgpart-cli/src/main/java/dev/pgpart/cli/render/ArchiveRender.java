package dev.pgpart.cli.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.pgpart.archive.ArchiveEntry;
import dev.pgpart.archive.ArchiveOps;
import dev.pgpart.archive.VerifyReport;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** {@code archive list|verify|restore} as text and JSON (docs/cli.md, "archive"). */
public final class ArchiveRender {
    private final ObjectMapper mapper = JsonMapper.builder().addModule(new Jdk8Module()).addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT).build();

    public record EntryJson(String parent, String partition, String bound, String state, Long rows, Long bytes, Long parts,
                            String location, Instant detachedAt, Optional<Instant> exportedAt, Optional<Instant> verifiedAt,
                            Optional<Instant> droppedAt, Optional<Instant> restoredAt) {
        static EntryJson of(ArchiveEntry e) {
            return new EntryJson(e.parent().toString(), e.partition().toString(), e.bound(), e.state().sql(),
                    e.rows().isPresent() ? e.rows().getAsLong() : null, e.bytes().isPresent() ? e.bytes().getAsLong() : null,
                    e.parts().isPresent() ? e.parts().getAsLong() : null, e.location(), e.detachedAt(), e.exportedAt(),
                    e.verifiedAt(), e.droppedAt(), e.restoredAt());
        }
    }

    public record ListJson(int schema, String command, List<EntryJson> archives) {
    }

    public record VerifyJson(int schema, String command, String partition, String location, boolean ok, int parts, long rows,
                             long bytes, boolean tableChecked, List<String> problems) {
    }

    public record RestoreJson(int schema, String command, String partition, String table, long rows, boolean attached,
                              String location) {
    }

    public void listJson(PrintWriter out, List<ArchiveEntry> entries) {
        write(out, new ListJson(JsonViews.SCHEMA, "archive list", entries.stream().map(EntryJson::of).toList()));
    }

    public void listText(PrintWriter out, List<ArchiveEntry> entries) {
        if (entries.isEmpty()) {
            out.println("no archived partitions");
        }
        for (ArchiveEntry e : entries) {
            out.println(e.partition() + "  " + e.state().sql().toUpperCase(Locale.ROOT) + "  " + e.bound() + "  "
                    + (e.rows().isPresent() ? e.rows().getAsLong() + " rows, " + e.bytes().orElse(0) + " bytes in "
                    + e.parts().orElse(0) + " part(s)" : "not exported yet") + "  " + e.location());
        }
        out.flush();
    }

    public void verifyJson(PrintWriter out, VerifyReport r) {
        write(out, new VerifyJson(JsonViews.SCHEMA, "archive verify", r.partition().toString(), r.location(), r.ok(), r.parts(),
                r.rows(), r.bytes(), r.tableChecked(), r.problems()));
    }

    public void verifyText(PrintWriter out, VerifyReport r) {
        out.println((r.ok() ? "ok: " : "MISMATCH: ") + r.partition() + " at " + r.location() + ": " + r.parts() + " part(s), "
                + r.rows() + " rows, " + r.bytes() + " bytes" + (r.tableChecked() ? "; compared with the table" : "; the table"
                + " no longer exists"));
        r.problems().forEach(p -> out.println("  " + p));
        out.flush();
    }

    public void restoreJson(PrintWriter out, ArchiveOps.Restored r) {
        write(out, new RestoreJson(JsonViews.SCHEMA, "archive restore", r.partition().toString(), r.table().toString(), r.rows(),
                r.attached(), r.location()));
    }

    private void write(PrintWriter out, Object value) {
        try {
            out.println(mapper.writeValueAsString(value));
            out.flush();
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
