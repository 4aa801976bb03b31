package org.pacer.cib.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.pacer.cib.document.CibDocument;
import org.pacer.cib.document.CibVersion;
import org.pacer.cib.ops.CibUpdater;
import org.pacer.cib.ops.CibWrite;
import org.pacer.cib.ops.WriteContext;
import org.pacer.messaging.testing.Eventually;

/**
 * Group commit: an answer is given only once its version is on disk, and versions applied while a
 * disk write is in flight share the next one.
 */
class GroupCommitTest {
  static final Duration LIMIT = Duration.ofSeconds(5);
  final ExecutorService service = Executors.newSingleThreadExecutor();
  final List<CibVersion> onDisk = new CopyOnWriteArrayList<>();
  final List<String> answered = new CopyOnWriteArrayList<>();

  /** The disk completes one write per permit. */
  final Semaphore disk = new Semaphore(0);

  final GroupCommit commit =
      new GroupCommit(
          "n1",
          (cib, stored) -> {
            disk.acquireUninterruptibly();
            assertTrue(new String(stored).contains("epoch=\"" + cib.version().epoch() + "\""));
            onDisk.add(cib.version());
          },
          service::execute);

  CibDocument cib = CibDocument.empty();

  @AfterEach
  void stop() throws Exception {
    disk.release(100);
    service.shutdownNow();
    service.awaitTermination(5, TimeUnit.SECONDS);
  }

  void on(Runnable r) throws Exception {
    service.submit(r).get(5, TimeUnit.SECONDS);
  }

  CibDocument next() {
    cib =
        CibUpdater.standard()
            .apply(cib, new CibWrite.Bump(), WriteContext.of("root", "t", "n1", Instant.EPOCH))
            .cib();
    return cib;
  }

  /** A configuration write applied and its client's answer handed over, as the service does. */
  void write(String name) throws Exception {
    CibDocument v = next();
    on(
        () -> {
          commit.changed(v);
          commit.answer(() -> answered.add(name));
        });
  }

  @Test
  void anAnswerWaitsUntilItsVersionIsOnDisk() throws Exception {
    write("a");
    on(commit::flush);
    Thread.sleep(50);
    assertEquals(List.of(), answered, "answered before the disk write finished");
    disk.release();
    Eventually.await("a answered", LIMIT, () -> answered.equals(List.of("a")));
    assertEquals(List.of(cib.version()), onDisk);
  }

  @Test
  void writesArrivingDuringADiskWriteShareTheNextOne() throws Exception {
    write("a");
    on(commit::flush);
    CibVersion first = cib.version();
    write("b");
    on(commit::flush); // a disk write is in flight: nothing starts
    write("c");
    on(commit::flush);
    assertEquals(List.of(), answered);
    disk.release(); // the first write completes; the newest version (c's) goes next, once
    Eventually.await("a answered", LIMIT, () -> answered.equals(List.of("a")));
    Thread.sleep(50);
    assertEquals(List.of("a"), answered, "b and c answered before their version was on disk");
    disk.release();
    Eventually.await("all answered", LIMIT, () -> answered.equals(List.of("a", "b", "c")));
    assertEquals(List.of(first, cib.version()), onDisk, "b's version is never written on its own");
  }

  @Test
  void anAnswerWithNothingUnsavedIsImmediate() throws Exception {
    on(() -> commit.answer(() -> answered.add("status")));
    assertEquals(List.of("status"), answered);
  }

  @Test
  void drainWritesWhatIsLeftAndAnswersEveryone() throws Exception {
    write("a");
    on(commit::flush);
    write("b");
    disk.release(2);
    on(commit::drain);
    assertEquals(List.of("a", "b"), answered);
    assertEquals(cib.version(), onDisk.get(onDisk.size() - 1));
  }
}
