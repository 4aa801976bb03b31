package org.pacer.cib.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacer.cib.document.CibDocument;
import org.pacer.cib.document.CibError;
import org.pacer.cib.document.CibException;
import org.pacer.cib.document.CibVersion;
import org.pacer.cib.ops.CibUpdater;
import org.pacer.cib.ops.CibWrite;
import org.pacer.cib.testing.TestCibs;

class CibStoreTest {
  @TempDir Path dir;
  final CibUpdater updater = CibUpdater.standard();

  /** Writes the small CIB and then {@code bumps} bumped versions; returns the last. */
  CibDocument writeVersions(CibStore store, int bumps) {
    CibDocument cib = TestCibs.small();
    store.write(cib);
    for (int i = 0; i < bumps; i++) {
      cib = updater.apply(cib, new CibWrite.Bump(), TestCibs.root()).cib();
      store.write(cib);
    }
    return cib;
  }

  @Test
  void aFreshDirectoryGivesAnEmptyCib() {
    CibStore.Loaded l = new CibStore(dir, 3).load();
    assertEquals(new CibVersion(0, 0, 0), l.cib().version());
    assertEquals("empty", l.source());
  }

  @Test
  void writeThenLoadKeepsConfigurationButNotStatus() {
    CibStore store = new CibStore(dir, 3);
    CibDocument last = writeVersions(store, 2);
    CibStore.Loaded l = store.load();
    assertEquals(last.version(), l.cib().version());
    assertEquals("cib.xml", l.source());
    assertTrue(l.cib().toXml().contains("<primitive id=\"web\""));
    assertFalse(l.cib().toXml().contains("node_state"));
  }

  @Test
  void onlyTheNewestBackupsAreKept() throws IOException {
    CibStore store = new CibStore(dir, 3);
    writeVersions(store, 6);
    assertEquals(3, store.backupsNewestFirst().size());
    try (Stream<Path> s = Files.list(dir)) {
      assertFalse(s.anyMatch(p -> p.toString().endsWith(".tmp")));
    }
  }

  @Test
  void aTruncatedCibIsRefusedAndTheNewestGoodBackupUsed() throws IOException {
    CibStore store = new CibStore(dir, 3);
    CibDocument last = writeVersions(store, 3);
    byte[] bytes = Files.readAllBytes(store.current());
    Files.write(store.current(), java.util.Arrays.copyOf(bytes, bytes.length / 2));
    CibStore.Loaded l = store.load();
    assertTrue(l.fromBackup());
    assertEquals(new CibVersion(0, last.version().epoch() - 1, 0), l.cib().version());
    assertTrue(l.refused().get(0).contains("digest mismatch"), l.refused().toString());
    try (Stream<Path> s = Files.list(dir)) {
      assertTrue(
          s.anyMatch(p -> p.getFileName().toString().startsWith("cib.xml.refused-")), "kept aside");
    }
  }

  @Test
  void aCorruptedCibIsRefused() throws IOException {
    CibStore store = new CibStore(dir, 3);
    writeVersions(store, 1);
    String text = Files.readString(store.current()).replace("apache", "apachX");
    Files.writeString(store.current(), text);
    CibStore.Loaded l = store.load();
    assertTrue(l.fromBackup());
    assertTrue(l.refused().get(0).contains("digest mismatch"));
  }

  @Test
  void anEmptyFileIsRefused() throws IOException {
    CibStore store = new CibStore(dir, 3);
    writeVersions(store, 1);
    Files.write(store.current(), new byte[0]);
    assertTrue(store.load().refused().get(0).contains("empty"));
  }

  @Test
  void aCrashBetweenRenamesLeavesThePreviousVersion() throws IOException {
    CibStore store = new CibStore(dir, 3);
    CibDocument last = writeVersions(store, 2);
    // As if the process died during the next write: the current pair already moved into the
    // backup, the new pair not yet in place (that write was never acknowledged).
    Files.move(store.current(), dir.resolve("cib-99.xml"));
    Files.move(dir.resolve("cib.xml.sig"), dir.resolve("cib-99.xml.sig"));
    Files.writeString(dir.resolve("cib.xml.tmp"), "<cib half");
    CibStore.Loaded l = store.load();
    assertEquals(last.version(), l.cib().version());
    assertEquals("cib-99.xml", l.source());
    assertFalse(Files.exists(dir.resolve("cib.xml.tmp")));
  }

  @Test
  void everyFileBadIsAnErrorNotAnEmptyCib() throws IOException {
    CibStore store = new CibStore(dir, 3);
    writeVersions(store, 1);
    for (Path p : store.backupsNewestFirst()) {
      Files.writeString(p, "garbage");
    }
    Files.writeString(store.current(), "garbage");
    CibException e = assertThrows(CibException.class, store::load);
    assertEquals(CibError.IO, e.error());
    assertTrue(e.describe().contains("digest mismatch"), e.describe());
  }

  @Test
  void aHandCopiedPacemakerCibWithoutSignatureLoads() throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("cib.xml"), TestCibs.smallXml());
    CibStore.Loaded l = new CibStore(dir, 3).load();
    assertEquals(new CibVersion(0, 4, 7), l.cib().version());
  }
}
