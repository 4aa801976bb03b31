package org.pacer.cib.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.pacer.cib.document.CibDocument;
import org.pacer.cib.document.CibError;
import org.pacer.cib.document.CibException;
import org.pacer.cib.document.CibSection;
import org.pacer.cib.ops.CibUpdater;
import org.pacer.cib.ops.CibWrite;
import org.pacer.cib.ops.WriteOutcome;
import org.pacer.cib.testing.TestCibs;

/** A diff applied to the version it came from gives exactly the next version, byte for byte. */
class DiffPatchTest {
  final CibUpdater updater = CibUpdater.standard();
  final CibUpdater reference = CibUpdater.comparingEverything();

  @Test
  void randomWritesRoundTripThroughTheirDiffs() {
    for (long seed = 0; seed < 200; seed++) {
      Random r = new Random(seed);
      CibDocument cib = TestCibs.small();
      for (int step = 0; step < 15; step++) {
        CibWrite w = randomWrite(r, step);
        WriteOutcome out;
        try {
          out = updater.apply(cib, w, TestCibs.root());
        } catch (CibException e) {
          continue;
        }
        // The diff found from the edit's marks is the diff a full comparison finds, and so is
        // the result (a change the marks missed would make the write look like a no-op).
        WriteOutcome full = reference.apply(cib, w, TestCibs.root());
        assertEquals(full.cib().toXml(), out.cib().toXml(), "seed " + seed + " step " + step);
        assertEquals(
            sorted(full.diff().changes()),
            sorted(out.diff().changes()),
            "seed " + seed + " step " + step + " " + w);
        if (!out.changed()) {
          continue;
        }
        CibDocument patched = DiffPatch.apply(cib, out.diff());
        assertEquals(
            out.cib().toXml(), patched.toXml(), "seed " + seed + " step " + step + " " + w);
        cib = out.cib();
      }
    }
  }

  static List<String> sorted(List<CibDiff.Change> changes) {
    return changes.stream().map(Object::toString).sorted().toList();
  }

  static CibWrite randomWrite(Random r, int step) {
    String id = "r" + r.nextInt(6);
    return switch (r.nextInt(11)) {
      case 0 ->
          new CibWrite.Create(
              CibSection.RESOURCES,
              "<primitive id=\"" + id + "\" class=\"lsb\" type=\"t" + step + "\"/>");
      case 1 ->
          new CibWrite.Modify(
              null, null, "<primitive id=\"" + id + "\" description=\"d" + step + "\"/>", false);
      case 2 -> new CibWrite.Delete(null, "//primitive[@id='" + id + "']", null);
      case 3 ->
          new CibWrite.Modify(
              CibSection.STATUS,
              null,
              "<node_state id=\"" + r.nextInt(3) + "\" crmd=\"c" + step + "\"/>",
              true);
      case 4 ->
          new CibWrite.Replace(
              CibSection.NODES,
              null,
              "<nodes><node id=\"2\" uname=\"node2\"/><node id=\"1\" uname=\"node1\"/></nodes>");
      case 5 ->
          new CibWrite.Create(
              null, "<tag id=\"t" + r.nextInt(3) + "\"><obj_ref id=\"web\"/></tag>");
      case 6 ->
          new CibWrite.Replace(
              CibSection.RESOURCES,
              null,
              "<primitive id=\"" + id + "\" class=\"lsb\" type=\"x" + step + "\"/>");
      case 7 ->
          new CibWrite.Modify(
              CibSection.RESOURCES,
              null,
              "<primitive id=\"" + id + "\" class=\"lsb\" type=\"m" + step + "\"/>",
              true);
      case 8 ->
          new CibWrite.Delete(
              CibSection.RESOURCES, null, "<primitive id=\"" + id + "\" class=\"lsb\"/>");
      case 9 -> new CibWrite.Delete(null, "//tag[@id='t" + r.nextInt(3) + "']", null);
      default -> new CibWrite.Bump();
    };
  }

  @Test
  void aDiffFromAnotherVersionIsRefused() {
    CibDocument cib = TestCibs.small();
    WriteOutcome out = updater.apply(cib, new CibWrite.Bump(), TestCibs.root());
    CibException e = assertThrows(CibException.class, () -> DiffPatch.apply(out.cib(), out.diff()));
    assertEquals(CibError.OLD_VERSION, e.error());
  }

  @Test
  void pathsWithQuotesResolve() {
    List<String> ids = new ArrayList<>(List.of("a'b", "plain"));
    for (String id : ids) {
      CibDocument cib = TestCibs.small();
      WriteOutcome out =
          updater.apply(
              cib,
              new CibWrite.Create(
                  CibSection.NODES, "<node id=\"" + id.replace("'", "&apos;") + "\" uname=\"u\"/>"),
              TestCibs.root());
      assertEquals(out.cib().toXml(), DiffPatch.apply(cib, out.diff()).toXml());
    }
  }
}
