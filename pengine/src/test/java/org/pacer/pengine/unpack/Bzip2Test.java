package org.pacer.pengine.unpack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Bzip2Test {
  static byte[] resource(String name) throws IOException {
    try (InputStream in = Bzip2Test.class.getResourceAsStream(name)) {
      return in.readAllBytes();
    }
  }

  @Test
  void decodesAFileBzip2Wrote() throws Exception {
    byte[] bz = resource("small-cib.xml.bz2");
    assertTrue(Bzip2.isBzip2(bz));
    assertArrayEquals(resource("small-cib.xml"), Bzip2.decompress(bz));
  }

  @Test
  void decodesConcatenatedStreams() throws Exception {
    byte[] bz = resource("small-cib.xml.bz2");
    byte[] twice = Arrays.copyOf(bz, bz.length * 2);
    System.arraycopy(bz, 0, twice, bz.length, bz.length);
    byte[] plain = resource("small-cib.xml");
    String expected = new String(plain, StandardCharsets.UTF_8).repeat(2);
    assertEquals(expected, new String(Bzip2.decompress(twice), StandardCharsets.UTF_8));
  }

  @Test
  void namesCorruptionAndTruncation() throws Exception {
    byte[] bz = resource("small-cib.xml.bz2");
    byte[] flipped = bz.clone();
    flipped[bz.length / 2] ^= 0x10;
    Bzip2.Bzip2Exception e =
        assertThrows(Bzip2.Bzip2Exception.class, () -> Bzip2.decompress(flipped));
    assertTrue(e.getMessage().contains("corrupt"), e.getMessage());
    byte[] cut = Arrays.copyOf(bz, bz.length - 20);
    e = assertThrows(Bzip2.Bzip2Exception.class, () -> Bzip2.decompress(cut));
    assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    assertFalse(Bzip2.isBzip2("<cib/>".getBytes(StandardCharsets.UTF_8)));
  }

  /** Round trips through the system's bzip2 (when installed): runs, random bytes, many blocks. */
  @Test
  void matchesTheSystemBzip2(@TempDir Path dir) throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/bzip2")), "bzip2 not installed");
    Random rnd = new Random(42);
    byte[] random = new byte[300_000];
    rnd.nextBytes(random);
    byte[] runs = new byte[200_000];
    for (int i = 0; i < runs.length; ) {
      int len = 1 + rnd.nextInt(300);
      byte b = (byte) rnd.nextInt(4);
      for (int k = 0; k < len && i < runs.length; k++) {
        runs[i++] = b;
      }
    }
    StringBuilder text = new StringBuilder();
    for (int i = 0; text.length() < 2_500_000; i++) { // > 2 blocks at level 9
      text.append("<lrm_rsc_op id=\"r").append(i).append("_monitor_").append(rnd.nextInt(99));
      text.append("\" operation=\"monitor\" rc-code=\"0\"/>\n");
    }
    byte[][] inputs = {
      new byte[0],
      {'a'},
      "aaaaaaaaaaaaaaaaaaaa".getBytes(StandardCharsets.UTF_8),
      random,
      runs,
      text.toString().getBytes(StandardCharsets.UTF_8)
    };
    for (byte[] input : inputs) {
      for (String level : new String[] {"-1", "-9"}) {
        Path f = dir.resolve("in");
        Files.write(f, input);
        Process p =
            new ProcessBuilder("/usr/bin/bzip2", level, "-c", f.toString())
                .redirectErrorStream(false)
                .start();
        byte[] bz = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue());
        assertArrayEquals(input, Bzip2.decompress(bz), "length " + input.length + " " + level);
      }
    }
  }

  @Test
  void cibTextTellsTheFormatByItsBytes() throws Exception {
    byte[] plain = resource("small-cib.xml");
    String xml = new String(plain, StandardCharsets.UTF_8);
    assertEquals(xml, CibText.decode(plain));
    assertEquals(xml, CibText.decode(resource("small-cib.xml.bz2")));
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      out.write(plain);
    }
    assertEquals(xml, CibText.decode(gz.toByteArray()));
    CibText.UnreadableException e =
        assertThrows(
            CibText.UnreadableException.class,
            () -> CibText.decode(new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1}));
    assertTrue(e.getMessage().contains("not a CIB"), e.getMessage());
  }
}
