package org.pacer.messaging.rpc;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.pacer.messaging.transport.Endpoint;

class TcpRpcTest extends RpcSuite {

  @Override
  MessageServer.Builder configure(MessageServer.Builder builder) {
    return builder.passwordCheck(
        (user, password) -> "admin".equals(user) && "s3cret".equals(password));
  }

  @Override
  Endpoint serverEndpoint() {
    return Endpoint.Tcp.plain(
        "127.0.0.1",
        server == null ? 0 : server.endpoint() instanceof Endpoint.Tcp t ? t.port() : 0);
  }

  @Override
  Endpoint clientEndpoint(Endpoint bound) {
    return bound;
  }

  @Override
  ClientOptions clientOptions(String name) {
    return ClientOptions.named(name).withCredentials("admin", "s3cret");
  }

  @Test
  void wrongPasswordIsRefused() {
    IOException e =
        assertThrows(
            IOException.class,
            () ->
                MessageClient.connect(
                    loops,
                    server.endpoint(),
                    ClientOptions.named("intruder").withCredentials("admin", "guess")));
    assertTrue(e.getMessage().contains("authentication failed"), e.getMessage());
  }
}
