package org.pacer.lrmd.process;

import java.nio.charset.StandardCharsets;

/**
 * One captured stream: its first bytes, its last bytes (empty unless the stream was longer than the
 * head) and how many bytes the stream had in all.
 */
public record CapturedOutput(byte[] head, byte[] tail, long totalBytes) {

  public static final CapturedOutput EMPTY = new CapturedOutput(new byte[0], new byte[0], 0);

  public CapturedOutput {
    head = head.clone();
    tail = tail.clone();
  }

  public static CapturedOutput of(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    return new CapturedOutput(bytes, new byte[0], bytes.length);
  }

  @Override
  public byte[] head() {
    return head.clone();
  }

  @Override
  public byte[] tail() {
    return tail.clone();
  }

  public boolean truncated() {
    return totalBytes > head.length + tail.length;
  }

  public long omittedBytes() {
    return totalBytes - head.length - tail.length;
  }

  /** The whole stream, or its head and tail around a note saying how much was left out. */
  public String text() {
    String start = new String(head, StandardCharsets.UTF_8);
    if (tail.length == 0) {
      return start;
    }
    String end = new String(tail, StandardCharsets.UTF_8);
    if (!truncated()) {
      return start + end;
    }
    return start + "\n[... " + omittedBytes() + " bytes of output omitted ...]\n" + end;
  }

  /** The last {@code maxChars} characters of {@link #text()}, for results and logs. */
  public String lastChars(int maxChars) {
    String all = text();
    return all.length() <= maxChars ? all : all.substring(all.length() - maxChars);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof CapturedOutput o
        && totalBytes == o.totalBytes
        && java.util.Arrays.equals(head, o.head)
        && java.util.Arrays.equals(tail, o.tail);
  }

  @Override
  public int hashCode() {
    return java.util.Arrays.hashCode(head) * 31 + java.util.Arrays.hashCode(tail);
  }

  @Override
  public String toString() {
    return "CapturedOutput[" + totalBytes + " bytes]";
  }
}
