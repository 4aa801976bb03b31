package org.pacer.messaging.rpc;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.pacer.messaging.testing.TestCertificates;
import org.pacer.messaging.transport.Endpoint;

class TlsRpcTest extends RpcSuite {

  // keytool takes a second per certificate: make them once per class.
  @org.junit.jupiter.api.io.TempDir static java.nio.file.Path certDir;
  private static TestCertificates.Pair certs;

  @Override
  MessageServer.Builder configure(MessageServer.Builder builder) {
    return builder.passwordCheck(
        (user, password) -> "admin".equals(user) && "s3cret".equals(password));
  }

  @Override
  Endpoint serverEndpoint() throws Exception {
    if (certs == null) {
      certs = TestCertificates.create(certDir, "server");
    }
    int port = server != null && server.endpoint() instanceof Endpoint.Tcp t ? t.port() : 0;
    return new Endpoint.Tcp("127.0.0.1", port, certs.server());
  }

  @Override
  Endpoint clientEndpoint(Endpoint bound) {
    Endpoint.Tcp tcp = (Endpoint.Tcp) bound;
    return new Endpoint.Tcp(tcp.host(), tcp.port(), certs.client());
  }

  @Override
  ClientOptions clientOptions(String name) {
    return ClientOptions.named(name).withCredentials("admin", "s3cret");
  }

  @Test
  void untrustedServerCertificateIsRefused() throws Exception {
    TestCertificates.Pair stranger = TestCertificates.create(dir, "stranger");
    Endpoint.Tcp tcp = (Endpoint.Tcp) server.endpoint();
    Endpoint trustingOnlyTheStranger = new Endpoint.Tcp(tcp.host(), tcp.port(), stranger.client());
    IOException e =
        assertThrows(
            IOException.class,
            () ->
                MessageClient.connect(
                    loops, trustingOnlyTheStranger, clientOptions("c").withReconnect(false)));
    assertTrue(e.getMessage().contains(tcp.toString()), e.getMessage());
  }

  @Test
  void plainClientCannotTalkToTlsServer() {
    Endpoint.Tcp tcp = (Endpoint.Tcp) server.endpoint();
    assertThrows(
        IOException.class,
        () ->
            MessageClient.connect(
                loops,
                Endpoint.Tcp.plain(tcp.host(), tcp.port()),
                clientOptions("plain").withReconnect(false)));
  }
}
