package org.pacer.lrmd.catalog;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.pacer.lrmd.agent.ActionRequest;
import org.pacer.lrmd.agent.AgentClass;
import org.pacer.lrmd.agent.AgentConfig;
import org.pacer.lrmd.agent.AgentId;
import org.pacer.lrmd.agent.AgentResult;
import org.pacer.lrmd.agent.Agents;
import org.pacer.lrmd.agent.OcfCode;
import org.pacer.lrmd.metadata.ActionSpec;
import org.pacer.lrmd.metadata.AgentMetadata;
import org.pacer.lrmd.metadata.MetadataException;
import org.pacer.lrmd.metadata.MetadataParser;
import org.pacer.lrmd.metadata.ParameterSpec;
import org.pacer.lrmd.process.ExitStatus;
import org.pacer.lrmd.process.ProcessOutcome;
import org.pacer.lrmd.process.ProcessRunner;
import org.pacer.lrmd.process.ProcessSpec;

/**
 * What agents this node has, and what they say about themselves: the classes, the OCF providers,
 * the agents of a class, and parsed meta-data (cached per agent).
 */
public final class AgentCatalog {

  private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(30);

  private final Agents agents;
  private final ProcessRunner runner;
  private final Path fenceAgentDir;
  private final Map<AgentId, AgentMetadata> cache = new ConcurrentHashMap<>();

  /**
   * @param fenceAgentDir where fence agents ({@code fence_*}) are installed, for the stonith class
   */
  public AgentCatalog(Agents agents, ProcessRunner runner, Path fenceAgentDir) {
    this.agents = agents;
    this.runner = runner;
    this.fenceAgentDir = fenceAgentDir;
  }

  private AgentConfig config() {
    return agents.config();
  }

  /** The classes available on this node, sorted; systemd only where systemd runs. */
  public List<AgentClass> classes() {
    List<AgentClass> classes =
        new ArrayList<>(
            List.of(AgentClass.LSB, AgentClass.OCF, AgentClass.SERVICE, AgentClass.STONITH));
    if (agents.systemdRunning()) {
      classes.add(AgentClass.SYSTEMD);
    }
    classes.sort((a, b) -> a.cibName().compareTo(b.cibName()));
    return classes;
  }

  /** The OCF providers: the directories under {@code OCF_ROOT/resource.d}. */
  public List<String> providers() {
    TreeSet<String> providers = new TreeSet<>();
    for (Path entry : list(config().ocfRoot().resolve("resource.d"))) {
      if (Files.isDirectory(entry) && !entry.getFileName().toString().startsWith(".")) {
        providers.add(entry.getFileName().toString());
      }
    }
    return List.copyOf(providers);
  }

  /** The OCF providers that have an agent named {@code type}. */
  public List<String> providers(String type) {
    return providers().stream()
        .filter(p -> Files.isRegularFile(config().ocfAgentPath(p, type)))
        .toList();
  }

  /**
   * The agents of a class (and, for ocf, of one provider or of all when null), sorted.
   *
   * @throws IllegalArgumentException for an ocf provider that does not exist, or systemd where it
   *     does not run
   */
  public List<String> agents(AgentClass agentClass, String provider) throws IOException {
    return switch (agentClass) {
      case OCF -> {
        if (provider != null) {
          if (!providers().contains(provider)) {
            throw new IllegalArgumentException(
                "there is no provider " + provider + " for class ocf");
          }
          yield executables(config().ocfRoot().resolve("resource.d").resolve(provider), "");
        }
        TreeSet<String> all = new TreeSet<>();
        for (String p : providers()) {
          all.addAll(executables(config().ocfRoot().resolve("resource.d").resolve(p), ""));
        }
        yield List.copyOf(all);
      }
      case LSB -> executables(config().initDir(), "");
      case SYSTEMD -> {
        if (!agents.systemdRunning()) {
          throw new IllegalArgumentException(
              "class systemd does not exist (systemd is not running)");
        }
        yield systemdUnits();
      }
      case SERVICE -> {
        TreeSet<String> all = new TreeSet<>(executables(config().initDir(), ""));
        if (agents.systemdRunning()) {
          all.addAll(systemdUnits());
        }
        yield List.copyOf(all);
      }
      case STONITH -> executables(fenceAgentDir, "fence_");
    };
  }

  /**
   * Resolves a name given without its class the way crmsh does: {@code Dummy} and {@code ocf:Dummy}
   * are OCF agents of provider heartbeat when it has one, else of the first provider that has one.
   */
  public AgentId resolve(String name) {
    if (!name.contains(":") || name.startsWith("ocf:") && name.indexOf(':', 4) < 0) {
      String type = name.startsWith("ocf:") ? name.substring(4) : name;
      List<String> owners = providers(type);
      String provider =
          owners.contains("heartbeat") || owners.isEmpty() ? "heartbeat" : owners.get(0);
      return AgentId.ocf(provider, type);
    }
    return AgentId.parse(name);
  }

  /**
   * The agent's meta-data, parsed.
   *
   * @throws MetadataException when the agent does not exist, fails, or prints something that is not
   *     meta-data; the message says which
   */
  public AgentMetadata metadata(AgentId agent) throws MetadataException {
    AgentMetadata cached = cache.get(agent);
    if (cached != null) {
      return cached;
    }
    String xml =
        agent.agentClass() == AgentClass.STONITH ? fenceMetadata(agent) : agentMetadata(agent);
    AgentMetadata metadata;
    try {
      metadata = MetadataParser.parse(xml);
    } catch (MetadataException e) {
      throw new MetadataException(agent + ": " + e.getMessage(), e);
    }
    if (agent.agentClass() == AgentClass.STONITH) {
      metadata = asFencingDevice(metadata);
    }
    cache.put(agent, metadata);
    return metadata;
  }

  /**
   * A fence agent as the cluster runs it: the cluster supplies {@code action} itself, so a device
   * never has to set it, and a device resource is started and stopped (registered and unregistered)
   * like any other, with 20 s timeouts.
   */
  static AgentMetadata asFencingDevice(AgentMetadata metadata) {
    List<ParameterSpec> parameters =
        metadata.parameters().stream()
            .map(
                p ->
                    "action".equals(p.name()) && p.required()
                        ? new ParameterSpec(
                            p.name(),
                            p.type(),
                            p.defaultValue(),
                            false,
                            p.unique(),
                            p.reloadable(),
                            p.deprecated(),
                            p.shortDescription(),
                            p.longDescription())
                        : p)
            .toList();
    List<ActionSpec> actions = new ArrayList<>(metadata.actions());
    for (String action : List.of("stop", "start")) {
      if (metadata.action(action).isEmpty()) {
        actions.add(new ActionSpec(action, Map.of("timeout", "20s")));
      }
    }
    return new AgentMetadata(
        metadata.name(),
        metadata.version(),
        metadata.ocfVersion(),
        metadata.shortDescription(),
        metadata.longDescription(),
        parameters,
        actions);
  }

  /** Forgets cached meta-data (after an agent package upgrade). */
  public void clearCache() {
    cache.clear();
  }

  private String agentMetadata(AgentId agent) throws MetadataException {
    // Like crm_resource, the agent's own name stands in for the resource instance.
    ActionRequest request =
        ActionRequest.of(agent.type(), agent, "meta-data", METADATA_TIMEOUT.toMillis());
    AgentResult result;
    try {
      result =
          agents.execute(request).get(METADATA_TIMEOUT.toMillis() + 10_000, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MetadataException(agent + ": interrupted while reading its meta-data");
    } catch (ExecutionException | TimeoutException e) {
      throw new MetadataException(agent + ": cannot run its meta-data action: " + e);
    }
    if (!result.isDone() || result.code() != OcfCode.OK) {
      String why =
          result.exitReason().isEmpty() ? result.code().description() : result.exitReason();
      throw new MetadataException(
          agent
              + ": got no meta-data, does this agent exist? ("
              + result.status().text()
              + ": "
              + why
              + ")");
    }
    return result.stdout();
  }

  private String fenceMetadata(AgentId agent) throws MetadataException {
    Path binary = fenceAgentDir.resolve(agent.type());
    if (agent.type().contains("/") || !Files.isExecutable(binary)) {
      throw new MetadataException(
          agent
              + ": got no meta-data, does this agent exist? ("
              + binary
              + " is not an executable fence agent)");
    }
    ProcessSpec spec =
        ProcessSpec.of(
            List.of(binary.toString(), "-o", "metadata"),
            config().baseEnvironment(),
            METADATA_TIMEOUT);
    try {
      ProcessOutcome outcome =
          runner.run(spec).get(METADATA_TIMEOUT.toMillis() + 10_000, TimeUnit.MILLISECONDS);
      if (!(outcome.status() instanceof ExitStatus.Exited exited) || exited.code() != 0) {
        throw new MetadataException(agent + ": its metadata action failed: " + outcome.status());
      }
      return outcome.stdout().text();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MetadataException(agent + ": interrupted while reading its meta-data");
    } catch (ExecutionException | TimeoutException e) {
      throw new MetadataException(agent + ": cannot run its metadata action: " + e);
    }
  }

  private List<String> systemdUnits() throws IOException {
    ProcessSpec spec =
        ProcessSpec.of(
            List.of(
                config().systemctl(),
                "list-unit-files",
                "--type=service",
                "--no-legend",
                "--no-pager"),
            config().baseEnvironment(),
            METADATA_TIMEOUT);
    try {
      ProcessOutcome outcome = runner.run(spec).get(60, TimeUnit.SECONDS);
      TreeSet<String> units = new TreeSet<>();
      for (String line : outcome.stdout().text().split("\n")) {
        String unit = line.strip().split("\\s+")[0];
        if (unit.endsWith(".service") && !unit.contains("@")) {
          units.add(unit.substring(0, unit.length() - ".service".length()));
        }
      }
      return List.copyOf(units);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while listing systemd units");
    } catch (ExecutionException | TimeoutException e) {
      throw new IOException("cannot list systemd units: " + e);
    }
  }

  private static List<String> executables(Path dir, String prefix) {
    TreeSet<String> names = new TreeSet<>();
    for (Path entry : list(dir)) {
      String name = entry.getFileName().toString();
      if (!name.startsWith(".")
          && name.startsWith(prefix)
          && Files.isRegularFile(entry)
          && Files.isExecutable(entry)) {
        names.add(name);
      }
    }
    return List.copyOf(names);
  }

  private static List<Path> list(Path dir) {
    List<Path> entries = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return entries;
    }
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
      stream.forEach(entries::add);
    } catch (IOException e) {
      // An unreadable directory holds no agents we could run either.
    }
    return entries;
  }

  /** Whether {@code agent} is installed here (without running it). */
  public Optional<Path> location(AgentId agent) {
    Path path =
        switch (agent.agentClass()) {
          case OCF -> config().ocfAgentPath(agent.provider(), agent.type());
          case LSB, SERVICE -> config().initDir().resolve(agent.type());
          case STONITH -> fenceAgentDir.resolve(agent.type());
          case SYSTEMD -> null;
        };
    return path != null && Files.isRegularFile(path) ? Optional.of(path) : Optional.empty();
  }
}
