package org.pacer.pengine.unpack;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;

/**
 * The text of a saved CIB from the bytes of its file: plain XML, or compressed as Pacemaker saves
 * its scheduler inputs ({@code pe-input-N.bz2}) or gzip. The format is told by the first bytes,
 * never by the file name, since inputs get copied and renamed.
 */
public final class CibText {
  private CibText() {}

  /** Thrown when the bytes are neither UTF-8 text nor a valid compressed file. */
  public static final class UnreadableException extends Exception {
    private static final long serialVersionUID = 1L;

    UnreadableException(String message) {
      super(message);
    }
  }

  /** Decodes {@code data}, decompressing bzip2 or gzip first when it starts like one. */
  public static String decode(byte[] data) throws UnreadableException {
    byte[] plain = data;
    if (Bzip2.isBzip2(data)) {
      try {
        plain = Bzip2.decompress(data);
      } catch (Bzip2.Bzip2Exception e) {
        throw new UnreadableException(e.getMessage());
      }
    } else if (data.length >= 2 && (data[0] & 0xff) == 0x1f && (data[1] & 0xff) == 0x8b) {
      try (GZIPInputStream gz = new GZIPInputStream(new ByteArrayInputStream(data))) {
        plain = gz.readAllBytes();
      } catch (IOException e) {
        throw new UnreadableException("corrupt gzip data: " + e.getMessage());
      }
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(plain))
          .toString();
    } catch (CharacterCodingException e) {
      throw new UnreadableException(
          "not a CIB: neither UTF-8 XML text nor bzip2/gzip-compressed XML");
    }
  }
}
