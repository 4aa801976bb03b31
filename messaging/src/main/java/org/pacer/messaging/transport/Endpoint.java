package org.pacer.messaging.transport;

import java.nio.file.Path;
import java.util.Objects;

/** Where a server listens or a client connects: a local socket, or TCP (optionally TLS). */
public sealed interface Endpoint {

  /** A Unix domain socket in the node's run directory; peers are checked by uid and group. */
  record Local(Path socket) implements Endpoint {
    public Local {
      Objects.requireNonNull(socket, "socket");
    }

    @Override
    public String toString() {
      return "unix:" + socket;
    }
  }

  /**
   * A TCP address for what crosses machines outside the ring (remote administration, large
   * transfers). Plain when {@code tls} is null.
   */
  record Tcp(String host, int port, TlsConfig tls) implements Endpoint {
    public Tcp {
      Objects.requireNonNull(host, "host");
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port out of range: " + port);
      }
    }

    public static Tcp plain(String host, int port) {
      return new Tcp(host, port, null);
    }

    @Override
    public String toString() {
      return (tls == null ? "tcp:" : "tls:") + host + ":" + port;
    }
  }
}
