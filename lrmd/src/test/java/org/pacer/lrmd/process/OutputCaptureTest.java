package org.pacer.lrmd.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OutputCaptureTest {

  private static void write(OutputCapture capture, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    capture.write(bytes, 0, bytes.length);
  }

  @Test
  void shortOutputIsKeptWhole() {
    OutputCapture capture = new OutputCapture(16);
    write(capture, "hello ");
    write(capture, "world");
    CapturedOutput out = capture.snapshot();
    assertEquals("hello world", out.text());
    assertFalse(out.truncated());
    assertEquals(11, out.totalBytes());
  }

  @Test
  void outputJustOverTheHeadIsStillWhole() {
    OutputCapture capture = new OutputCapture(4);
    write(capture, "abcdef");
    CapturedOutput out = capture.snapshot();
    assertFalse(out.truncated());
    assertEquals("abcdef", out.text());
  }

  @Test
  void longOutputKeepsHeadAndTailAndCountsTheRest() {
    OutputCapture capture = new OutputCapture(4);
    write(capture, "HEAD");
    for (int i = 0; i < 1000; i++) {
      write(capture, "middle");
    }
    write(capture, "xTAIL");
    CapturedOutput out = capture.snapshot();
    assertTrue(out.truncated());
    assertEquals(4 + 6000 + 5, out.totalBytes());
    assertEquals("HEAD\n[... 6001 bytes of output omitted ...]\nTAIL", out.text());
    assertEquals("TAIL", out.lastChars(4));
  }

  @Test
  void oneHugeWriteKeepsItsLastBytes() {
    OutputCapture capture = new OutputCapture(3);
    write(capture, "0123456789");
    CapturedOutput out = capture.snapshot();
    assertEquals("012", new String(out.head(), StandardCharsets.UTF_8));
    assertEquals("789", new String(out.tail(), StandardCharsets.UTF_8));
    assertEquals(4, out.omittedBytes());
  }

  @Test
  void tenMegabytesUseOnlyTheBoundedBuffers() {
    OutputCapture capture = new OutputCapture(1024);
    byte[] chunk = new byte[8192];
    for (int i = 0; i < 1280; i++) {
      capture.write(chunk, 0, chunk.length);
    }
    CapturedOutput out = capture.snapshot();
    assertEquals(10L * 1024 * 1024, out.totalBytes());
    assertEquals(1024, out.head().length);
    assertEquals(1024, out.tail().length);
  }
}
