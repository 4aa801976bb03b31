package org.pacer.lrmd.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.pacer.lrmd.agent.AgentConfig;
import org.pacer.lrmd.agent.AgentId;
import org.pacer.lrmd.agent.Agents;
import org.pacer.lrmd.agent.OcfCode;
import org.pacer.lrmd.executor.Executor;
import org.pacer.lrmd.executor.ExecutorHandle;
import org.pacer.lrmd.executor.ExecutorLimits;
import org.pacer.lrmd.executor.OperationRequest;
import org.pacer.lrmd.executor.OperationResult;
import org.pacer.lrmd.executor.ResourceDefinition;
import org.pacer.lrmd.executor.ThreadScheduler;
import org.pacer.lrmd.process.Launcher;
import org.pacer.lrmd.process.ProcessRunner;
import org.pacer.messaging.paths.NodePaths;

/**
 * Measures the executor: operations per second and its own overhead per operation with a trivial
 * agent, and the cadence of many recurring monitors. Writes a section of docs/performance.md when
 * given {@code --write FILE}.
 *
 * <pre>
 * mvn -o -q -pl lrmd -am package -DskipTests
 * java -cp 'lrmd/target/classes:lrmd/target/lib/*' org.pacer.lrmd.bench.LrmdBench \
 *     [--ops 2000] [--resources 100] [--seconds 60] [--write docs/performance.md]
 * </pre>
 */
public final class LrmdBench {

  private static final String TRIVIAL_AGENT = "#!/bin/sh\nexit 0\n";

  private final Path root;
  private final Launcher.Mode mode;
  private final ProcessRunner runner;
  private final ThreadScheduler scheduler = new ThreadScheduler("bench-executor");
  private final TimedAgents agents;
  private final ExecutorHandle executor;

  private LrmdBench(Path root, Launcher.Mode mode) throws IOException {
    this.root = root;
    this.mode = mode;
    this.runner = ProcessRunner.system(Clock.systemUTC(), mode);
    Path ocf = root.resolve("ocf");
    Path provider = Files.createDirectories(ocf.resolve("resource.d/bench"));
    Path agent = provider.resolve("Noop");
    Files.writeString(agent, TRIVIAL_AGENT);
    Files.setPosixFilePermissions(agent, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.createSymbolicLink(ocf.resolve("lib"), Path.of("/usr/lib/ocf/lib"));
    Files.createSymbolicLink(
        ocf.resolve("resource.d/heartbeat"), Path.of("/usr/lib/ocf/resource.d/heartbeat"));
    Map<String, String> env = new HashMap<>();
    env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    AgentConfig config =
        AgentConfig.forNode(new NodePaths(root.resolve("node")), "bench", env).withOcfRoot(ocf);
    agents = new TimedAgents(new Agents(config, runner, Clock.systemUTC(), null));
    executor =
        new ExecutorHandle(
            new Executor(scheduler, agents, Clock.systemUTC(), ExecutorLimits.defaults(), 1),
            scheduler);
  }

  /** One-at-a-time operations: end-to-end latency and the executor's share of it. */
  private String sequential(int ops) throws Exception {
    register("seq", "ocf:bench:Noop");
    for (int i = 0; i < 50; i++) {
      run(OperationRequest.of("seq", "monitor", 0, 20_000)); // warm-up
    }
    agents.reset();
    long[] latencies = new long[ops];
    long start = System.nanoTime();
    for (int i = 0; i < ops; i++) {
      long t0 = System.nanoTime();
      run(OperationRequest.of("seq", "monitor", 0, 20_000));
      latencies[i] = System.nanoTime() - t0;
    }
    long wall = System.nanoTime() - start;
    double agentMicros = agents.totalNanos() / 1000.0 / agents.calls();
    double meanMicros = Arrays.stream(latencies).average().orElse(0) / 1000.0;
    Arrays.sort(latencies);
    return String.format(
        "| one at a time, trivial agent, %s launcher | %d | %.0f | %.0f | %.0f | %.0f | %.1f |",
        mode.name().toLowerCase(java.util.Locale.ROOT),
        ops,
        ops / (wall / 1e9),
        meanMicros,
        latencies[ops / 2] / 1000.0,
        latencies[ops * 99 / 100] / 1000.0,
        meanMicros - agentMicros);
  }

  /** Many resources at once: how many operations per second the executor gets through. */
  private String parallel(int ops, int resources) throws Exception {
    for (int r = 0; r < resources; r++) {
      register("par-" + r, "ocf:bench:Noop");
    }
    agents.reset();
    long start = System.nanoTime();
    List<CompletableFuture<OperationResult>> all = new ArrayList<>();
    for (int i = 0; i < ops; i++) {
      all.add(
          executor.execute(OperationRequest.of("par-" + (i % resources), "monitor", 0, 20_000)));
    }
    for (CompletableFuture<OperationResult> f : all) {
      check(f.get(5, TimeUnit.MINUTES));
    }
    long wall = System.nanoTime() - start;
    return String.format(
        "| %d resources at once (limit %d in parallel), trivial agent, %s launcher | %d | %.0f |"
            + " – | – | – | – |",
        resources,
        ExecutorLimits.defaults().maxParallel(),
        mode.name().toLowerCase(java.util.Locale.ROOT),
        ops,
        ops / (wall / 1e9));
  }

  private String cadence(int resources, int seconds) throws Exception {
    CadenceRun.Report report =
        CadenceRun.run(
            executor,
            AgentId.parse("ocf:heartbeat:Dummy"),
            Map.of(),
            resources,
            1000,
            Duration.ofSeconds(seconds));
    return report.describe();
  }

  private void register(String id, String agent) throws Exception {
    executor.register(new ResourceDefinition(id, AgentId.parse(agent), Map.of(), Map.of())).get();
  }

  private OperationResult run(OperationRequest request) throws Exception {
    return check(executor.execute(request).get(60, TimeUnit.SECONDS));
  }

  private static OperationResult check(OperationResult result) {
    if (result.code() != OcfCode.OK) {
      throw new IllegalStateException("benchmark operation failed: " + result.summary());
    }
    return result;
  }

  private void close() throws IOException {
    scheduler.close();
    runner.close();
    try (var files = Files.walk(root)) {
      files.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
    }
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    int ops = Integer.parseInt(options.getOrDefault("ops", "2000"));
    int resources = Integer.parseInt(options.getOrDefault("resources", "100"));
    int seconds = Integer.parseInt(options.getOrDefault("seconds", "60"));
    String loadBefore = loadAverage();
    List<String> rows = new ArrayList<>();
    String cadence = "";
    for (Launcher.Mode mode : Launcher.Mode.values()) {
      LrmdBench bench = new LrmdBench(Files.createTempDirectory("lrmd-bench"), mode);
      try {
        rows.add(bench.sequential(ops));
        rows.add(bench.parallel(ops * 2, 16));
        if (mode == Launcher.Mode.EXACT && seconds > 0) {
          cadence = bench.cadence(resources, seconds);
        }
      } finally {
        bench.close();
      }
    }
    String load = "load average " + loadBefore + " at the start, " + loadAverage() + " at the end";
    String section = section(rows, cadence, String.join(" ", args), load);
    System.out.println(section);
    if (options.containsKey("write")) {
      write(Path.of(options.get("write")), section);
    }
  }

  /** The 1-minute load average: the machine is shared, and figures mean little without it. */
  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static String section(List<String> rows, String cadence, String args, String load) {
    return "<!-- lrmd:begin -->\n"
        + "## lrmd\n\n"
        + "Measured "
        + LocalDate.now()
        + " on this machine ("
        + Runtime.getRuntime().availableProcessors()
        + " cores, "
        + load
        + "), with `mvn -o -q -pl lrmd -am package -DskipTests && java -cp"
        + " 'lrmd/target/classes:lrmd/target/lib/*' org.pacer.lrmd.bench.LrmdBench "
        + args
        + "`.\n\n"
        + "| what | operations | ops/s | mean µs | p50 µs | p99 µs | executor's own µs/op |\n"
        + "|---|---|---|---|---|---|---|\n"
        + String.join("\n", rows)
        + "\n\n"
        + "The trivial agent is `#!/bin/sh` + `exit 0`. Latency runs from the request to the"
        + " result on the executor's thread; the executor's own share is that latency minus"
        + " the agent side (spawning `setsid perl` + the agent, waiting for it, reading its"
        + " output), so it is the cost of queueing, dispatch, the thread hops and building and"
        + " publishing the result. The exact launcher runs agents under `setsid perl` so that"
        + " an exit code above 128 is never mistaken for a signal; the fast one under `setsid`"
        + " alone (PACER_LRMD_LAUNCHER=fast; see Launcher for what it cannot tell apart).\n\n"
        + "Cadence (ocf:heartbeat:Dummy monitors, each resource's monitor planned from the"
        + " previous plan, not from the previous finish): "
        + cadence
        + ". Lateness is how long after its planned time a run started.\n"
        + "<!-- lrmd:end -->";
  }

  private static void write(Path file, String section) throws IOException {
    String text = Files.exists(file) ? Files.readString(file) : "# Performance\n";
    int begin = text.indexOf("<!-- lrmd:begin -->");
    int end = text.indexOf("<!-- lrmd:end -->");
    if (begin >= 0 && end > begin) {
      text =
          text.substring(0, begin) + section + text.substring(end + "<!-- lrmd:end -->".length());
    } else {
      text = text.stripTrailing() + "\n\n" + section + "\n";
    }
    Files.writeString(file, text);
  }
}
