package org.pacer.cib.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import org.pacer.cib.document.CibDocument;
import org.pacer.cib.ops.WriteContext;

/** Shared fixtures: a small CIB and write contexts. */
public final class TestCibs {
  public static final Instant T0 = Instant.parse("2026-01-02T03:04:05Z");

  private TestCibs() {}

  public static String smallXml() {
    try (InputStream in = TestCibs.class.getResourceAsStream("/org/pacer/cib/small-cib.xml")) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static CibDocument small() {
    return CibDocument.parse(smallXml(), "small-cib.xml");
  }

  public static WriteContext root() {
    return WriteContext.of("root", "test", "node1", T0);
  }

  public static WriteContext as(String user) {
    return WriteContext.of(user, "test", "node1", T0);
  }
}
