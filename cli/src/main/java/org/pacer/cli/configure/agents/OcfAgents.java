package org.pacer.cli.configure.agents;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.pacer.cli.configure.store.CibStoreException;
import org.pacer.cli.configure.store.CibXml;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * OCF agents under {@code $OCF_ROOT/resource.d/PROVIDER/TYPE} (default {@code /usr/lib/ocf}), asked
 * for their meta-data once each, and LSB scripts in {@code /etc/init.d}. Other classes (systemd,
 * service, stonith) are not looked at.
 */
public final class OcfAgents implements AgentCatalog {
  private final Path ocfRoot;
  private final Path initDir;
  private final Map<String, Agent> cache = new HashMap<>();

  public OcfAgents(Path ocfRoot, Path initDir) {
    this.ocfRoot = ocfRoot;
    this.initDir = initDir;
  }

  public static OcfAgents fromEnvironment(Map<String, String> env) {
    return new OcfAgents(
        Path.of(env.getOrDefault("OCF_ROOT", "/usr/lib/ocf")), Path.of("/etc/init.d"));
  }

  /** Installed OCF agents as {@code ocf:provider:type} (heartbeat's also by bare type). */
  public java.util.List<String> names() {
    java.util.List<String> out = new java.util.ArrayList<>();
    Path dir = ocfRoot.resolve("resource.d");
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (java.util.stream.Stream<Path> providers = Files.list(dir)) {
      for (Path p : providers.sorted().toList()) {
        if (!Files.isDirectory(p)) {
          continue;
        }
        try (java.util.stream.Stream<Path> types = Files.list(p)) {
          for (Path t : types.sorted().toList()) {
            if (Files.isExecutable(t) && !Files.isDirectory(t)) {
              String prov = p.getFileName().toString();
              String type = t.getFileName().toString();
              out.add("ocf:" + prov + ":" + type);
              if (prov.equals("heartbeat")) {
                out.add(type);
              }
            }
          }
        }
      }
    } catch (java.io.IOException e) {
      return out;
    }
    return out;
  }

  @Override
  public Agent find(String agentClass, String provider, String type) {
    String key = agentClass + ":" + provider + ":" + type;
    return cache.computeIfAbsent(key, k -> lookup(agentClass, provider, type));
  }

  private Agent lookup(String agentClass, String provider, String type) {
    if (type.contains("/") || type.startsWith(".")) {
      return new Missing("a type with a path in it");
    }
    if (agentClass.equals("lsb")) {
      if (!Files.isDirectory(initDir)) {
        return new Unknown();
      }
      return Files.isRegularFile(initDir.resolve(type))
          ? new Unknown()
          : new Missing(initDir.toString());
    }
    if (!agentClass.equals("ocf") || provider == null || provider.isEmpty()) {
      return new Unknown();
    }
    Path dir = ocfRoot.resolve("resource.d");
    if (!Files.isDirectory(dir)) {
      return new Unknown();
    }
    Path agent = dir.resolve(provider).resolve(type);
    if (!Files.isExecutable(agent)) {
      return new Missing(dir.resolve(provider).toString());
    }
    Set<String> params = metaData(agent);
    return params == null ? new Unknown() : new Installed(params);
  }

  /** Runs {@code AGENT meta-data}; null when it gives nothing usable in 10 seconds. */
  private Set<String> metaData(Path agent) {
    try {
      ProcessBuilder pb = new ProcessBuilder(agent.toString(), "meta-data");
      pb.environment().put("OCF_ROOT", ocfRoot.toString());
      pb.redirectError(ProcessBuilder.Redirect.DISCARD);
      Process p = pb.start();
      String xml;
      try (InputStream in = p.getInputStream()) {
        xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return null;
      }
      Element root = CibXml.parseWithDoctype(xml).getDocumentElement();
      Set<String> names = new LinkedHashSet<>();
      NodeList ps = root.getElementsByTagName("parameter");
      for (int i = 0; i < ps.getLength(); i++) {
        names.add(((Element) ps.item(i)).getAttribute("name"));
      }
      return names;
    } catch (IOException | CibStoreException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}
