package org.pacer.it.containers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host side of {@code fence_pacer_container}: the power switch of a container cluster. It
 * serves the requests the agent writes into the shared channel directory: off and reboot kill the
 * target's container ({@link ContainerNode#powerOff}, SIGKILL of everything in it, which works on a
 * paused or disconnected container too) and are answered once it has stopped; status answers on or
 * off. A reboot leaves the node off, as {@code fence_pacer_kill} does: the test boots it again.
 *
 * <p>Why on the host: a container cannot kill another container, and a node that is frozen or cut
 * off from the network must be fenced all the same, so the switch must not depend on the victim or
 * the cluster network (in real clusters, an IPMI board on its own network).
 */
final class ContainerFencer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ContainerFencer.class);

  private final Path channel;
  private final Function<String, ContainerNode> nodes;
  private final ScheduledExecutorService loop;

  ContainerFencer(Path channel, List<String> names, Function<String, ContainerNode> nodes)
      throws IOException {
    this.channel = channel;
    this.nodes = nodes;
    Files.createDirectories(channel.resolve("requests"));
    Files.createDirectories(channel.resolve("replies"));
    Files.writeString(channel.resolve("nodes"), String.join("\n", names) + "\n");
    Files.writeString(channel.resolve("fencer.alive"), "");
    this.loop =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "container-fencer");
              t.setDaemon(true);
              return t;
            });
    loop.scheduleWithFixedDelay(this::serve, 0, 100, TimeUnit.MILLISECONDS);
  }

  Path channel() {
    return channel;
  }

  private void serve() {
    try {
      Files.setLastModifiedTime(channel.resolve("fencer.alive"), FileTime.from(Instant.now()));
      try (var requests = Files.list(channel.resolve("requests"))) {
        for (Path req : requests.filter(f -> f.toString().endsWith(".req")).sorted().toList()) {
          String id = req.getFileName().toString().replaceFirst("\\.req$", "");
          String[] words = Files.readString(req).trim().split("\\s+");
          Files.deleteIfExists(req);
          reply(id, answer(words));
        }
      }
    } catch (IOException | RuntimeException e) {
      // Served again 100 ms later; a request that cannot be read times out in the agent.
      log.warn("container fencer: {}", e.toString());
    }
  }

  private String answer(String[] words) {
    if (words.length != 2) {
      return "malformed request " + String.join(" ", words);
    }
    String action = words[0];
    ContainerNode node = nodes.apply(words[1]);
    if (node == null) {
      return "unknown node " + words[1];
    }
    try {
      switch (action) {
        case "off", "reboot" -> {
          log.info("fencing {}: {} (docker kill)", node.name(), action);
          node.powerOff();
          return "ok";
        }
        case "status" -> {
          return node.containerRunning() ? "on" : "off";
        }
        default -> {
          return "action " + action + " is not supported";
        }
      }
    } catch (RuntimeException e) {
      return action + " of " + node.name() + " failed: " + e.getMessage();
    }
  }

  private void reply(String id, String text) throws IOException {
    Path tmp = channel.resolve("replies/." + id + ".tmp");
    Files.writeString(tmp, text + "\n");
    Files.move(tmp, channel.resolve("replies/" + id), StandardCopyOption.ATOMIC_MOVE);
  }

  @Override
  public void close() {
    loop.shutdownNow();
  }
}
