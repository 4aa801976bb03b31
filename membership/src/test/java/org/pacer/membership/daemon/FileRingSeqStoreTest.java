package org.pacer.membership.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileRingSeqStoreTest {

  @Test
  void survivesARestartAndRefusesGarbage(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("membership/ringseq");
    FileRingSeqStore store = new FileRingSeqStore(file);
    assertEquals(0, store.load());
    store.store(44);
    assertEquals(44, new FileRingSeqStore(file).load());
    Files.writeString(file, "not a number");
    assertThrows(IllegalStateException.class, () -> new FileRingSeqStore(file).load());
  }
}
