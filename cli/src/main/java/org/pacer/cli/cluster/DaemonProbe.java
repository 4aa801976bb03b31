package org.pacer.cli.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.pacer.messaging.rpc.ClientOptions;
import org.pacer.messaging.rpc.MessageClient;
import org.pacer.messaging.transport.Endpoint;
import org.pacer.messaging.transport.EventLoops;

/** Tells whether a daemon is up: its local socket exists and completes a HELLO. */
final class DaemonProbe {
  private DaemonProbe() {}

  static boolean answers(EventLoops loops, Path socket) {
    if (!Files.exists(socket)) {
      return false;
    }
    try (MessageClient client =
        MessageClient.connect(
            loops,
            new Endpoint.Local(socket),
            ClientOptions.named("crm-probe").withReconnect(false))) {
      return client.isConnected();
    } catch (IOException e) {
      return false;
    }
  }
}
