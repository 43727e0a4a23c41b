package dev.pgpart.archive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpart.api.ActionResult;
import dev.pgpart.api.MaintainOptions;
import dev.pgpart.api.MaintainResult;
import dev.pgpart.api.Outcome;
import dev.pgpart.api.SkipReason;
import dev.pgpart.sql.QualifiedName;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** on_expiry: archive end to end against PostgreSQL and a local directory store. */
@Timeout(180)
class ArchiveRoundTripIT {
    static final QualifiedName JANUARY = QualifiedName.of("public", "events_p20260101");

    @TempDir
    Path dir;

    @Test
    void maintainWithoutConsentSkipsTheArchivesAndChangesNothing() {
        ArchiveFixture f = ArchiveFixture.create("arch_noconsent", dir);
        MaintainResult r = f.pgpart(ArchiveFixture.NOW).maintain(MaintainOptions.defaults(), Optional.empty(), ArchiveFixture.NOW);
        List<ActionResult> archives = r.results().stream().filter(x -> x.action().type().equals("archive")).toList();
        assertThat(archives).hasSize(2).allSatisfy(x -> assertThat(x.skip()).contains(SkipReason.NO_CONSENT));
        assertThat(r.hasPendingWithoutConsent()).isTrue();
        assertThat(f.db.partitionsOf("public.events")).contains("events_p20260101", "events_p20260201");
    }

    @Test
    void planShowsArchiveActionsForExpiredPartitions() {
        ArchiveFixture f = ArchiveFixture.create("arch_plan", dir);
        assertThat(f.pgpart(ArchiveFixture.NOW).plan().actions()).filteredOn(a -> a.type().equals("archive"))
                .extracting(a -> a.partition().name()).containsExactly("events_p20260101", "events_p20260201");
    }

    @Test
    void archiveVerifyDropRestoreGivesBackTheSameRows() throws IOException {
        ArchiveFixture f = ArchiveFixture.create("arch_roundtrip", dir);
        f.keepCopy("events_p20260101", "expected_jan");
        long rows = f.db.queryLong("SELECT count(*) FROM events_p20260101");
        assertThat(rows).isGreaterThan(200);

        MaintainResult r = f.maintainWithConsent();
        assertThat(r.results()).filteredOn(x -> x.action().type().equals("archive"))
                .hasSize(2).allSatisfy(x -> assertThat(x.outcome()).as(x.detail()).isEqualTo(Outcome.APPLIED));
        assertThat(f.db.queryLong("SELECT count(*) FROM pg_class WHERE relname = 'events_p20260101'")).isZero();
        assertThat(f.db.queryStrings("SELECT state FROM pgpart.archive ORDER BY partition")).containsExactly("dropped", "dropped");
        assertThat(parts("events_p20260101")).as("a 4KB part size cuts several parts").hasSizeGreaterThan(2);
        assertThat(f.db.queryLong("SELECT count(*) FROM pgpart.job WHERE kind = 'archive' AND state = 'done'")).isEqualTo(2);

        VerifyReport v = f.pgpart(ArchiveFixture.NOW).archives().verify(JANUARY);
        assertThat(v.problems()).isEmpty();
        assertThat(v.tableChecked()).isFalse();
        assertThat(v.rows()).isEqualTo(rows);

        ArchiveOps.Restored back = f.pgpart(ArchiveFixture.NOW).archives().restore(JANUARY, Optional.empty(), false,
                Duration.ofSeconds(5));
        assertThat(back.rows()).isEqualTo(rows);
        assertThat(f.difference("events_p20260101", "expected_jan")).isZero();
        assertThat(f.db.queryLong("SELECT count(*) FROM events_p20260101")).isEqualTo(rows);
        assertThat(f.db.queryLong("SELECT count(*) FROM events_p20260101 WHERE doubled <> id * 2")).isZero();
    }

    @Test
    void restoreIntoAnExistingNameIsRefusedAndAttachPutsTheRangeBack() {
        ArchiveFixture f = ArchiveFixture.create("arch_restore", dir);
        long rows = f.db.queryLong("SELECT count(*) FROM events_p20260101");
        f.maintainWithConsent();
        f.db.exec("CREATE TABLE taken (x int)");
        var archives = f.pgpart(ArchiveFixture.NOW).archives();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> archives.restore(JANUARY,
                        Optional.of(QualifiedName.of("public", "taken")), false, Duration.ofSeconds(5)))
                .hasMessageContaining("a relation of that name exists").hasMessageContaining("Nothing was changed");
        assertThat(f.db.queryLong("SELECT count(*) FROM taken")).isZero();

        ArchiveOps.Restored back = archives.restore(JANUARY, Optional.empty(), true, Duration.ofSeconds(5));
        assertThat(back.attached()).isTrue();
        assertThat(f.db.partitionsOf("public.events")).contains("events_p20260101");
        assertThat(f.db.queryLong("SELECT count(*) FROM events WHERE at < '2026-02-01'")).isEqualTo(rows);
    }

    @Test
    void aCorruptedPartFailsVerificationAndNothingIsDropped() throws IOException {
        ArchiveFixture f = ArchiveFixture.create("arch_corrupt", dir);
        runJobStoppingAfter(f, "export");
        Path part = parts("events_p20260101").get(1);
        byte[] bytes = Files.readAllBytes(part);
        bytes[bytes.length / 2] ^= 0x5a;
        Files.write(part, bytes);

        MaintainResult r = f.maintainWithConsent();
        ActionResult jan = r.results().stream().filter(x -> x.action().partition().equals(JANUARY)).findFirst().orElseThrow();
        assertThat(jan.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(jan.detail()).contains("part-00001", "differs", "nothing was dropped");
        assertThat(f.db.queryLong("SELECT count(*) FROM events_p20260101")).isGreaterThan(200);
        assertThat(f.db.queryStrings("SELECT state FROM pgpart.archive WHERE partition = 'public.events_p20260101'"))
                .containsExactly("exported");
        assertThat(f.pgpart(ArchiveFixture.NOW).check(java.time.Instant.now().plus(Duration.ofHours(1))))
                .filteredOn(x -> x.kind() == dev.pgpart.plan.Finding.Kind.ARCHIVE_INCOMPLETE)
                .singleElement().satisfies(x -> assertThat(x.message()).contains("events_p20260101", "exported"));
        VerifyReport v = f.pgpart(ArchiveFixture.NOW).archives().verify(JANUARY);
        assertThat(v.ok()).isFalse();
        assertThat(v.problems()).singleElement().asString().contains("part-00001");
    }

    @Test
    void aJobStoppedAfterEachPhaseResumesWithTheNextRunAndArchivesOnce() {
        for (String phase : List.of("detach", "export", "verify")) {
            ArchiveFixture f = ArchiveFixture.create("arch_resume_" + phase, dir.resolve(phase));
            f.keepCopy("events_p20260101", "expected_jan");
            runJobStoppingAfter(f, phase);
            assertThat(f.db.queryStrings("SELECT phase || ' ' || state FROM pgpart.job WHERE kind = 'archive'"))
                    .as(phase).containsExactly(phase + " failed");

            MaintainResult r = f.maintainWithConsent();
            assertThat(r.results()).filteredOn(x -> x.action().partition().equals(JANUARY)).singleElement()
                    .satisfies(x -> assertThat(x.outcome()).as(phase + ": " + x.detail()).isEqualTo(Outcome.APPLIED));
            assertThat(f.db.queryStrings("SELECT state FROM pgpart.archive WHERE partition = 'public.events_p20260101'"))
                    .as(phase).containsExactly("dropped");
            f.pgpart(ArchiveFixture.NOW).archives().restore(JANUARY, Optional.empty(), false, Duration.ofSeconds(5));
            assertThat(f.difference("events_p20260101", "expected_jan")).as(phase).isZero();
        }
    }

    @Test
    void aTableChangedAfterVerificationIsNotDroppedAndTheNextRunArchivesItAnew() {
        ArchiveFixture f = ArchiveFixture.create("arch_changed", dir);
        runJobStoppingAfter(f, "verify");
        f.db.exec("INSERT INTO events_p20260101 (id, at, note) VALUES (-1, '2026-01-02', 'written after the export')");
        long rows = f.db.queryLong("SELECT count(*) FROM events_p20260101");

        ActionResult first = january(f.maintainWithConsent());
        assertThat(first.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(first.detail()).contains("does not match", "nothing was dropped");
        assertThat(f.db.queryLong("SELECT count(*) FROM events_p20260101")).isEqualTo(rows);

        ActionResult second = january(f.maintainWithConsent());
        assertThat(second.outcome()).as(second.detail()).isEqualTo(Outcome.APPLIED);
        assertThat(f.db.queryLong("SELECT rows FROM pgpart.archive WHERE partition = 'public.events_p20260101'")).isEqualTo(rows);
    }

    @Test
    void aPartitionAnotherProcessIsArchivingIsLeftToItAndNothingChanges() throws Exception {
        ArchiveFixture f = ArchiveFixture.create("arch_busy", dir);
        try (var other = f.db.dataSource().getConnection(); var s = other.createStatement()) {
            s.execute("SELECT pg_advisory_lock(" + 0x7067746a + ", hashtext('public.events_p20260101'))");
            ActionResult jan = january(f.maintainWithConsent());
            assertThat(jan.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(jan.detail()).contains("another runner is working on public.events_p20260101", "Nothing was changed");
            assertThat(f.db.partitionsOf("public.events")).contains("events_p20260101");
        }
    }

    @Test
    void aJobWhoseSessionIsKilledMidwayResumesWithTheNextRun() {
        ArchiveFixture f = ArchiveFixture.create("arch_killed", dir);
        f.keepCopy("events_p20260101", "expected_jan");
        var action = januaryAction(f);
        var spec = dev.pgpart.spec.SpecLoader.parse(f.yaml, "pgpart.yml");
        try (var c = f.db.dataSource().getConnection()) {
            dev.pgpart.internal.exec.Session.configure(c);
            ArchiveJob job = new ArchiveJob(dev.pgpart.state.StateSchema.defaults(), "test", spec.archive(action.parent())
                    .orElseThrow(), Duration.ofSeconds(2), MaintainOptions.defaults(), ArchiveProgress.NONE, "test")
                    .afterEachPhase(p -> {
                        if (p.equals("export")) { // like kill -9: the session ends, nothing is marked
                            f.db.exec("SELECT pg_terminate_backend(owner_pid, 10000) FROM pgpart.job WHERE kind = 'archive'");
                        }
                    });
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> job.run(c, action)).isInstanceOf(RuntimeException.class);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        assertThat(f.db.queryStrings("SELECT phase || ' ' || state FROM pgpart.job WHERE kind = 'archive'"))
                .containsExactly("export running");

        ActionResult jan = january(f.maintainWithConsent());
        assertThat(jan.outcome()).as(jan.detail()).isEqualTo(Outcome.APPLIED);
        f.pgpart(ArchiveFixture.NOW).archives().restore(JANUARY, Optional.empty(), false, Duration.ofSeconds(5));
        assertThat(f.difference("events_p20260101", "expected_jan")).isZero();
    }

    private static dev.pgpart.plan.ArchivePartition januaryAction(ArchiveFixture f) {
        return (dev.pgpart.plan.ArchivePartition) f.pgpart(ArchiveFixture.NOW).plan().actions().stream()
                .filter(a -> a.partition().equals(JANUARY)).findFirst().orElseThrow();
    }

    private static ActionResult january(MaintainResult r) {
        return r.results().stream().filter(x -> x.action().partition().equals(JANUARY)).findFirst().orElseThrow();
    }

    private static void runJobStoppingAfter(ArchiveFixture f, String phase) {
        var action = (dev.pgpart.plan.ArchivePartition) f.pgpart(ArchiveFixture.NOW).plan().actions().stream()
                .filter(a -> a.partition().equals(JANUARY)).findFirst().orElseThrow();
        var spec = dev.pgpart.spec.SpecLoader.parse(f.yaml, "pgpart.yml");
        try (var c = f.db.dataSource().getConnection()) {
            dev.pgpart.internal.exec.Session.configure(c);
            ArchiveJob job = new ArchiveJob(dev.pgpart.state.StateSchema.defaults(), "test", spec.archive(action.parent())
                    .orElseThrow(), Duration.ofSeconds(2), MaintainOptions.defaults(), ArchiveProgress.NONE, "test")
                    .afterEachPhase(p -> {
                        if (p.equals(phase)) {
                            throw new IllegalStateException("stopped after " + p);
                        }
                    });
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> job.run(c, action)).hasMessageContaining("stopped after");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<Path> parts(String partition) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith("part-") && p.getParent().getFileName().toString()
                    .equals(partition)).sorted().toList();
        }
    }
}
