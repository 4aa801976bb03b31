package org.pacer.cli.cluster;

import com.fasterxml.jackson.databind.node.TextNode;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.pacer.messaging.paths.NodePaths;
import org.pacer.messaging.rpc.MessageServer;
import org.pacer.messaging.transport.Endpoint;
import org.pacer.messaging.transport.EventLoops;

/**
 * A stand-in daemon for supervisor tests: listens on its socket (named by {@code -Dpacer.daemon})
 * and answers {@code ping} with its node name, until SIGTERM.
 */
public final class StandInDaemon {
  private StandInDaemon() {}

  public static void main(String[] args) throws Exception {
    String root = args[1];
    String node = args[3];
    String name = System.getProperty("pacer.daemon");
    NodePaths paths = NodePaths.resolve(root, System.getenv());
    EventLoops loops = EventLoops.create(name, 1);
    MessageServer server =
        MessageServer.builder(name)
            .node(node)
            .handle("ping", r -> CompletableFuture.completedFuture(TextNode.valueOf(node)))
            .build(loops)
            .start(new Endpoint.Local(paths.socket(name)));
    CountDownLatch done = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  loops.close();
                  done.countDown();
                }));
    done.await();
  }
}
