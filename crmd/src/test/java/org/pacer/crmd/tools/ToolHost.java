package org.pacer.crmd.tools;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.pacer.messaging.paths.NodePaths;
import org.pacer.messaging.rpc.MessageServer;
import org.pacer.messaging.transport.Endpoint;
import org.pacer.messaging.transport.EventLoops;

/**
 * A controller's tool service on a node root, with a given backend: what the thin client talks to
 * in tests and in the benchmark.
 */
public final class ToolHost implements AutoCloseable {

  /** The client binary the build makes where gcc exists. */
  public static final Path CLIENT = Path.of("target/bin/pacer-tool").toAbsolutePath();

  private final EventLoops loops;
  private final MessageServer server;
  final Path root;

  public ToolHost(Path root, ToolBackend backend) throws IOException {
    this.root = root;
    loops = EventLoops.create("crmd-tools", 1);
    MessageServer.Builder b = MessageServer.builder("pacer-crmd").node(backend.toString());
    new ToolService(backend).register(b);
    server = b.build(loops).start(new Endpoint.Local(new NodePaths(root).socket("crmd")));
  }

  /** Runs the thin client under the given command name. */
  public ToolResult call(String tool, Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(CLIENT.getParent().resolve(tool).toString());
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("PACER_ROOT", root.toString());
    pb.environment().remove("OCF_RESOURCE_INSTANCE");
    pb.environment().putAll(env);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException(tool + " hung");
    }
    return new ToolResult(p.exitValue(), out, err);
  }

  public static boolean clientBuilt() {
    return Files.isExecutable(CLIENT);
  }

  @Override
  public void close() {
    server.close();
    loops.close();
  }
}
