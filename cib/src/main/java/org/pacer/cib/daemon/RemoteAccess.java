package org.pacer.cib.daemon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import org.pacer.cib.document.CibDocument;
import org.pacer.messaging.rpc.MessageServer;
import org.pacer.messaging.security.PasswordCheck;
import org.pacer.messaging.transport.Endpoint;
import org.pacer.messaging.transport.TlsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Remote administration, as Pacemaker's {@code remote-tls-port} and {@code remote-clear-port}
 * attributes of {@code <cib>} offer it: off unless set; when set, the daemon listens on that port
 * (TLS with the node's certificate, or plain TCP) and every client authenticates with a user and
 * password. The ports follow the CIB: changing or removing the attribute opens or closes the
 * listener.
 */
final class RemoteAccess implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(RemoteAccess.class);
  static final String TLS_PORT = "remote-tls-port";
  static final String CLEAR_PORT = "remote-clear-port";

  private final String bindAddress;
  private final Path etc;
  private final Function<PasswordCheck, MessageServer.Builder> builders;
  private final PasswordCheck passwords;
  private final org.pacer.messaging.transport.EventLoops loops;
  private int tlsPort;
  private int clearPort;
  private MessageServer tls;
  private MessageServer clear;

  /**
   * @param builders makes a server builder with the CIB's handlers registered
   */
  RemoteAccess(
      String bindAddress,
      Path etc,
      PasswordCheck passwords,
      org.pacer.messaging.transport.EventLoops loops,
      Function<PasswordCheck, MessageServer.Builder> builders) {
    this.bindAddress = bindAddress;
    this.etc = etc;
    this.passwords = passwords;
    this.loops = loops;
    this.builders = builders;
  }

  /** The TLS material: {@code <etc>/cib-remote.p12}, its password in {@code cib-remote.pass}. */
  Path keyStore() {
    return etc.resolve("cib-remote.p12");
  }

  /** Opens, moves or closes the listeners to match the CIB. */
  synchronized void follow(CibDocument cib) {
    int wantTls = port(cib, TLS_PORT);
    int wantClear = port(cib, CLEAR_PORT);
    if (wantTls != tlsPort) {
      tls = restart(tls, wantTls, true);
      tlsPort = wantTls;
    }
    if (wantClear != clearPort) {
      clear = restart(clear, wantClear, false);
      clearPort = wantClear;
    }
  }

  /** The port a listener really uses (for a port chosen by the system), or 0 when off. */
  synchronized int boundPort(boolean secure) {
    MessageServer s = secure ? tls : clear;
    return s == null ? 0 : ((Endpoint.Tcp) s.endpoint()).port();
  }

  private MessageServer restart(MessageServer old, int port, boolean secure) {
    if (old != null) {
      old.close();
      log.info("remote CIB administration ({}) stopped", secure ? "TLS" : "clear");
    }
    if (port <= 0) {
      return null;
    }
    try {
      TlsConfig tlsConfig = secure ? tlsConfig() : null;
      MessageServer s =
          builders
              .apply(passwords)
              .build(loops)
              .start(new Endpoint.Tcp(bindAddress, port, tlsConfig));
      log.info("remote CIB administration listening on {}", s.endpoint());
      if (!secure) {
        log.warn("remote-clear-port is set: passwords and the CIB cross the network unencrypted");
      }
      return s;
    } catch (IOException e) {
      log.error(
          "remote CIB administration on port {} ({}) is off: {}",
          port,
          secure ? "TLS" : "clear",
          e.getMessage());
      return null;
    }
  }

  /** Pushes a notification to remote subscribers too. */
  synchronized void publish(String topic, com.fasterxml.jackson.databind.JsonNode body) {
    if (tls != null) {
      tls.publish(topic, body);
    }
    if (clear != null) {
      clear.publish(topic, body);
    }
  }

  private TlsConfig tlsConfig() throws IOException {
    Path pass = etc.resolve("cib-remote.pass");
    if (!Files.isReadable(keyStore()) || !Files.isReadable(pass)) {
      throw new IOException(
          "remote-tls-port needs the node's certificate in "
              + keyStore()
              + " and its password in "
              + pass);
    }
    return new TlsConfig(keyStore(), Files.readString(pass).trim(), null, null, false);
  }

  private static int port(CibDocument cib, String attribute) {
    String v = cib.root().getAttribute(attribute).trim();
    if (v.isEmpty()) {
      return 0;
    }
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      log.error("ignoring {}='{}': not a port number", attribute, v);
      return 0;
    }
  }

  @Override
  public synchronized void close() {
    if (tls != null) {
      tls.close();
    }
    if (clear != null) {
      clear.close();
    }
  }
}
