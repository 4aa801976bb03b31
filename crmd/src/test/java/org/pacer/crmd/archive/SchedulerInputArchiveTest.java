package org.pacer.crmd.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacer.crmd.adapter.PengineScheduler;
import org.pacer.crmd.archive.SchedulerInputArchive.Series;

/**
 * The DC keeps every scheduler input as Pacemaker does: numbered per series from its {@code .last}
 * file, wrapping at the series maximum, continued after a restart, bzip2-compressed; the
 * transition's scheduler names the file.
 */
class SchedulerInputArchiveTest {

  @TempDir Path dir;

  private static String cib(String options) {
    return "<cib epoch=\"1\" num_updates=\"0\" admin_epoch=\"0\" have-quorum=\"1\" dc-uuid=\"1\">"
        + "<configuration><crm_config><cluster_property_set id=\"o\">"
        + "<nvpair id=\"o-se\" name=\"stonith-enabled\" value=\"false\"/>"
        + options
        + "</cluster_property_set></crm_config>"
        + "<nodes><node id=\"1\" uname=\"node1\"/></nodes>"
        + "<resources><primitive id=\"rsc1\" class=\"ocf\" provider=\"pacemaker\" type=\"Dummy\"/>"
        + "</resources><constraints/></configuration><status>"
        + "<node_state id=\"1\" uname=\"node1\" in_ccm=\"true\" crmd=\"online\" join=\"member\""
        + " expected=\"member\"/></status></cib>";
  }

  private static String bzcat(Path file) throws Exception {
    Process p = new ProcessBuilder("/usr/bin/bzip2", "-d", "-c", file.toString()).start();
    byte[] out = p.getInputStream().readAllBytes();
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), "bzip2 -d " + file);
    return new String(out, StandardCharsets.UTF_8);
  }

  @Test
  void numbersEachSeriesWrapsAtItsMaximumAndContinuesAfterARestart() throws Exception {
    try (SchedulerInputArchive a = new SchedulerInputArchive(dir)) {
      assertEquals(dir.resolve("pe-input-0.bz2"), a.save(Series.INPUT, "<a/>", 3));
      assertEquals(dir.resolve("pe-input-1.bz2"), a.save(Series.INPUT, "<b/>", 3));
      assertEquals(dir.resolve("pe-warn-0.bz2"), a.save(Series.WARN, "<w/>", 5000));
      assertEquals(dir.resolve("pe-input-2.bz2"), a.save(Series.INPUT, "<c/>", 3));
      assertEquals("0", Files.readString(dir.resolve("pe-input.last")).trim(), "wraps next");
      assertEquals(dir.resolve("pe-input-0.bz2"), a.save(Series.INPUT, "<d/>", 3));
      assertEquals(dir.resolve("pe-error-0.bz2"), a.save(Series.ERROR, "<e/>", -1));
      a.flush(10_000);
    }
    try (SchedulerInputArchive again = new SchedulerInputArchive(dir)) {
      assertEquals(dir.resolve("pe-input-1.bz2"), again.save(Series.INPUT, "<f/>", 3));
      assertEquals(dir.resolve("pe-error-1.bz2"), again.save(Series.ERROR, "<g/>", -1));
      again.flush(10_000);
    }
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/bzip2")), "no bzip2 to read the files back");
    assertEquals("<d/>", bzcat(dir.resolve("pe-input-0.bz2")), "the oldest was overwritten");
    assertEquals("<f/>", bzcat(dir.resolve("pe-input-1.bz2")));
    assertEquals("<c/>", bzcat(dir.resolve("pe-input-2.bz2")));
    assertEquals("<w/>", bzcat(dir.resolve("pe-warn-0.bz2")));
  }

  @Test
  void anUnchangedInputIsNotSavedTwiceAndZeroKeepsNone() throws Exception {
    try (SchedulerInputArchive a = new SchedulerInputArchive(dir)) {
      Path first = a.save(Series.INPUT, "<a/>", 10);
      assertEquals(first, a.save(Series.INPUT, "<a/>", 10));
      assertEquals(dir.resolve("pe-input-1.bz2"), a.save(Series.INPUT, "<b/>", 10));
      assertNull(a.save(Series.WARN, "<w/>", 0));
      a.flush(10_000);
    }
    assertFalse(Files.exists(dir.resolve("pe-warn-0.bz2")));
    assertFalse(Files.exists(dir.resolve("pe-input-2.bz2")));
  }

  @Test
  void aGarbledSequenceFileRestartsTheNumbering() throws Exception {
    Files.writeString(dir.resolve("pe-input.last"), "not a number\n");
    try (SchedulerInputArchive a = new SchedulerInputArchive(dir)) {
      assertEquals(dir.resolve("pe-input-0.bz2"), a.save(Series.INPUT, "<a/>", 10));
    }
  }

  @Test
  void theSchedulerKeepsEveryInputAndNamesTheFileOfAFailure() throws Exception {
    try (SchedulerInputArchive a = new SchedulerInputArchive(dir)) {
      PengineScheduler scheduler = new PengineScheduler(a);
      String graph = scheduler.compute(cib(""), Instant.now(), 1);
      assertTrue(graph.contains("<transition_graph"), graph);
      Exception e =
          assertThrows(
              Exception.class, () -> scheduler.compute("<cib><not-closed>", Instant.now(), 2));
      assertTrue(e.getMessage().contains(dir.resolve("pe-error-0.bz2").toString()), e.getMessage());
      String none =
          "<nvpair id=\"o-max\" name=\"pe-input-series-max\" value=\"0\"/>"
              + "<nvpair id=\"o-other\" name=\"cluster-name\" value=\"x\"/>";
      scheduler.compute(cib(none), Instant.now(), 3);
      a.flush(10_000);
    }
    assertTrue(Files.exists(dir.resolve("pe-input-0.bz2")));
    assertTrue(Files.exists(dir.resolve("pe-error-0.bz2")));
    assertFalse(Files.exists(dir.resolve("pe-input-1.bz2")), "pe-input-series-max=0 keeps none");
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/bzip2")), "no bzip2 to read the files back");
    assertEquals(cib(""), bzcat(dir.resolve("pe-input-0.bz2")));
  }
}
