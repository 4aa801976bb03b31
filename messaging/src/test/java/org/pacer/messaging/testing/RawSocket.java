package org.pacer.messaging.testing;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** A bare Unix-socket connection for throwing arbitrary bytes at a server. */
public final class RawSocket implements AutoCloseable {

  private final SocketChannel channel;

  private RawSocket(SocketChannel channel) {
    this.channel = channel;
  }

  public static RawSocket connect(Path socket) throws IOException {
    SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
    ch.connect(UnixDomainSocketAddress.of(socket));
    return new RawSocket(ch);
  }

  public void write(byte[] bytes) throws IOException {
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
  }

  /** Writes one well-formed frame holding {@code json}. */
  public void writeFrame(String json) throws IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    write(ByteBuffer.allocate(4 + body.length).putInt(body.length).put(body).array());
  }

  /** Reads until the server closes the connection; returns how many bytes came. */
  public int drainUntilClosed() throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(8192);
    int total = 0;
    while (true) {
      buffer.clear();
      int n;
      try {
        n = channel.read(buffer);
      } catch (IOException e) {
        return total;
      }
      if (n < 0) {
        return total;
      }
      total += n;
    }
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
