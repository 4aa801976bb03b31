package org.pacer.cib.client;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.function.Function;
import org.pacer.cib.document.CibError;
import org.pacer.cib.document.CibException;

/**
 * Chooses how a command reaches the CIB from the environment, as Pacemaker's tools do: {@code
 * CIB_file} names a file to work on with no cluster; otherwise the live CIB is used, through the
 * connector the caller supplies (local socket, or {@code CIB_server} for a remote one).
 */
public final class CibConnections {
  public static final String CIB_FILE = "CIB_file";
  public static final String CIB_USER = "CIB_user";

  private CibConnections() {}

  /**
   * @param live opens a connection to the running cluster from the environment; null when this
   *     process has no way to reach one
   */
  public static CibConnection open(
      Map<String, String> env, Clock clock, Function<Map<String, String>, CibConnection> live) {
    String file = env.get(CIB_FILE);
    if (file != null && !file.isBlank()) {
      String user = env.getOrDefault(CIB_USER, "root");
      return new FileCibConnection(
          Path.of(file), user.isBlank() ? "root" : user, clock, "localhost");
    }
    if (live == null) {
      throw new CibException(
          CibError.DISCONNECTED,
          "no cluster connection is available here; set CIB_file=PATH to work on a file");
    }
    return live.apply(env);
  }
}
