package org.pacer.crmd.archive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What the encoder writes, decoded by the reference bzip2 ({@code bzip2 -d}, Debian's): texts of
 * every shape the format has corners for — empty, one byte, runs at and past the run-length limits,
 * periodic blocks (equal rotations), several blocks, binary noise, and a CIB.
 */
class Bzip2EncoderTest {

  private static final Path BZIP2 = Path.of("/usr/bin/bzip2");

  private static byte[] referenceDecode(byte[] compressed) throws Exception {
    Path dir = Files.createTempDirectory("bz2-test");
    Path in = dir.resolve("in.bz2");
    Path out = dir.resolve("out");
    Files.write(in, compressed);
    Process p =
        new ProcessBuilder(BZIP2.toString(), "-d", "-c", in.toString())
            .redirectOutput(out.toFile())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "bzip2 -d finished");
    assertEquals(0, p.exitValue(), "bzip2 -d accepted the stream");
    byte[] result = Files.readAllBytes(out);
    Files.delete(in);
    Files.delete(out);
    Files.delete(dir);
    return result;
  }

  private static void roundTrip(byte[] data) throws Exception {
    byte[] z = Bzip2Encoder.compress(data);
    assertTrue(z.length >= 14 && z[0] == 'B' && z[1] == 'Z' && z[2] == 'h', "bzip2 header");
    assertArrayEquals(data, referenceDecode(z));
  }

  @Test
  void referenceBzip2DecodesWhatItWrites() throws Exception {
    assumeTrue(Files.isExecutable(BZIP2), "no " + BZIP2 + " to check against");
    roundTrip(new byte[0]);
    roundTrip(new byte[] {'x'});
    roundTrip("abab".getBytes(StandardCharsets.US_ASCII));
    roundTrip("abcabcabcabcabcabc".repeat(1000).getBytes(StandardCharsets.US_ASCII));
    for (int run : new int[] {3, 4, 5, 254, 255, 256, 259, 1000}) {
      byte[] d = new byte[run + 2];
      java.util.Arrays.fill(d, 1, run + 1, (byte) 'a');
      d[0] = 'b';
      d[run + 1] = 'c';
      roundTrip(d);
    }
    byte[] same = new byte[300_000];
    roundTrip(same);
    Random rnd = new Random(7);
    byte[] noise = new byte[250_000];
    rnd.nextBytes(noise);
    roundTrip(noise);
    StringBuilder cib = new StringBuilder("<cib epoch=\"1\"><configuration><resources>");
    for (int i = 0; i < 3000; i++) {
      cib.append("<primitive id=\"r")
          .append(i)
          .append("\" class=\"ocf\" provider=\"pacemaker\" type=\"Dummy\"><operations>")
          .append("<op id=\"r")
          .append(i)
          .append("-mon\" name=\"monitor\" interval=\"")
          .append(rnd.nextInt(60))
          .append("s\"/></operations></primitive>\n");
    }
    cib.append("</resources></configuration></cib>");
    byte[] xml = cib.toString().getBytes(StandardCharsets.UTF_8);
    byte[] z = Bzip2Encoder.compress(xml);
    assertTrue(z.length * 5 < xml.length, "compresses a CIB: " + z.length + " of " + xml.length);
    assertArrayEquals(xml, referenceDecode(z));
  }

  @Test
  void rotationsSortLikeTheirTexts() {
    byte[] b = "banana".getBytes(StandardCharsets.US_ASCII);
    int[] order = Bzip2Encoder.sortRotations(b);
    // abanan(5) anaban(3) ananab(1) banana(0) nabana(4) nanaba(2)
    assertArrayEquals(new int[] {5, 3, 1, 0, 4, 2}, order);
  }

  @Test
  void codeLengthsStayWithinTheFormatsLimit() throws IOException {
    int[] freq = new int[40];
    long f = 1;
    for (int i = 0; i < freq.length; i++) {
      freq[i] = (int) Math.min(Integer.MAX_VALUE / 4, f);
      f = f * 3 / 2 + 1;
    }
    int[] lengths = Bzip2Encoder.codeLengths(freq);
    double kraft = 0;
    for (int len : lengths) {
      assertTrue(len >= 1 && len <= 17, "length " + len);
      kraft += Math.pow(2, -len);
    }
    assertEquals(1.0, kraft, 1e-9, "a complete prefix code");
  }
}
