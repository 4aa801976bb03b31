package org.pacer.messaging.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.pacer.messaging.transport.Endpoint;

class LocalSocketRpcTest extends RpcSuite {

  @Override
  Endpoint serverEndpoint() {
    return new Endpoint.Local(dir.resolve("run/test.sock"));
  }

  @Override
  Endpoint clientEndpoint(Endpoint bound) {
    return bound;
  }

  @Override
  ClientOptions clientOptions(String name) {
    return ClientOptions.named(name);
  }

  @Test
  void socketIsOnlyForOwnerAndGroup() throws IOException {
    Endpoint.Local local = (Endpoint.Local) server.endpoint();
    assertEquals(
        "rw-rw----", PosixFilePermissions.toString(Files.getPosixFilePermissions(local.socket())));
  }

  @Test
  void secondServerOnALiveSocketIsRefused() {
    IOException e = assertThrows(IOException.class, () -> newServer().start(serverEndpoint()));
    assertTrue(e.getMessage().contains("already listening"), e.getMessage());
  }

  @Test
  void staleSocketFileIsReplaced() throws Exception {
    server.close();
    Files.createDirectories(dir.resolve("run"));
    Files.writeString(dir.resolve("run/test.sock"), "left behind");
    server = newServer().start(serverEndpoint());
    assertEquals(IntNode.valueOf(1), client("c").request("echo", 1, WAIT).get());
  }

  @Test
  void missingServerIsNamedInTheError() {
    IOException e =
        assertThrows(
            IOException.class,
            () ->
                MessageClient.connect(
                    loops, new Endpoint.Local(dir.resolve("nope.sock")), ClientOptions.named("c")));
    assertTrue(e.getMessage().contains("nope.sock"), e.getMessage());
  }

  @Test
  void fiveHundredConcurrentClients() throws Exception {
    List<MessageClient> many = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      many.add(client("c" + i));
    }
    List<CompletableFuture<JsonNode>> calls = new ArrayList<>();
    for (int i = 0; i < many.size(); i++) {
      calls.add(many.get(i).request("echo", i, WAIT));
    }
    for (int i = 0; i < calls.size(); i++) {
      assertEquals(IntNode.valueOf(i), calls.get(i).get());
    }
    assertEquals(500, server.connectionCount());
  }
}
