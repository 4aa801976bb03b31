package org.pacer.cib.client;

import java.io.Console;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.pacer.cib.document.CibError;
import org.pacer.cib.document.CibException;
import org.pacer.messaging.paths.NodePaths;
import org.pacer.messaging.rpc.ClientOptions;
import org.pacer.messaging.transport.Endpoint;
import org.pacer.messaging.transport.TlsConfig;

/**
 * Connects to the live CIB the way Pacemaker's tools choose: {@code CIB_server} (with {@code
 * CIB_port}, {@code CIB_user}, {@code CIB_passwd}, {@code CIB_encrypted}) for a remote daemon,
 * otherwise the local daemon's socket under {@code PACER_ROOT}. Unlike Pacemaker's anonymous TLS,
 * an encrypted connection verifies the server's certificate against {@code CIB_trust_store} (a
 * PKCS#12 file; password in {@code CIB_trust_store_password}).
 */
public final class LiveConnections {
  public static final Duration TIMEOUT = Duration.ofSeconds(30);

  private LiveConnections() {}

  public static CibConnection open(Map<String, String> env) {
    String server = env.get("CIB_server");
    if (server != null && !server.isBlank()) {
      return remote(env, server.trim());
    }
    NodePaths paths = NodePaths.resolve(null, env);
    return CibClient.connect(
        null,
        new Endpoint.Local(paths.socket("cib")),
        ClientOptions.named("crm cib").withReconnect(false),
        TIMEOUT);
  }

  static CibConnection remote(Map<String, String> env, String server) {
    String portText = env.get("CIB_port");
    if (portText == null || portText.isBlank()) {
      throw new CibException(CibError.USAGE, "CIB_server is set but CIB_port is not");
    }
    int port;
    try {
      port = Integer.parseInt(portText.trim());
    } catch (NumberFormatException e) {
      throw new CibException(CibError.USAGE, "CIB_port '" + portText + "' is not a port number");
    }
    String user = env.getOrDefault("CIB_user", System.getProperty("user.name"));
    String password = env.get("CIB_passwd");
    if (password == null) {
      Console console = System.console();
      if (console == null) {
        throw new CibException(
            CibError.USAGE, "CIB_passwd is not set and there is no terminal to ask for it");
      }
      char[] typed = console.readPassword("Password for %s@%s: ", user, server);
      password = typed == null ? "" : new String(typed);
    }
    boolean encrypted =
        !env.getOrDefault("CIB_encrypted", "true")
            .trim()
            .toLowerCase(Locale.ROOT)
            .matches("false|no|off|0");
    TlsConfig tls = null;
    if (encrypted) {
      String trust = env.get("CIB_trust_store");
      if (trust == null || trust.isBlank()) {
        throw new CibException(
            CibError.USAGE,
            "CIB_encrypted is on: set CIB_trust_store to a PKCS#12 file with the certificate that"
                + " signed the server's (or CIB_encrypted=false for remote-clear-port)");
      }
      tls =
          new TlsConfig(
              null, null, Path.of(trust), env.getOrDefault("CIB_trust_store_password", ""), false);
    }
    return CibClient.connect(
        null,
        new Endpoint.Tcp(server, port, tls),
        ClientOptions.named("crm cib").withReconnect(false).withCredentials(user, password),
        TIMEOUT);
  }
}
