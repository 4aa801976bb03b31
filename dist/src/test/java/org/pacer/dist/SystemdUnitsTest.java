package org.pacer.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacer.cli.cluster.DaemonSpec;

/** The systemd units: one per daemon, ordered, restarting, sandboxed only where agents allow. */
class SystemdUnitsTest {

  /** Daemons whose children are resource or fence agents: they must not be sandboxed. */
  private static final Set<String> RUN_AGENTS = Set.of("lrmd", "stonithd");

  /** Options that would be inherited by every agent and break some of them. */
  private static final List<String> SANDBOX_PREFIXES =
      List.of(
          "NoNewPrivileges",
          "Protect",
          "Private",
          "Restrict",
          "SystemCallFilter",
          "CapabilityBoundingSet",
          "ReadOnlyPaths",
          "InaccessiblePaths",
          "MemoryDenyWriteExecute",
          "DynamicUser",
          "User");

  private static final Map<String, UnitFile> units = new LinkedHashMap<>();

  @BeforeAll
  static void readUnits() throws IOException {
    try (Stream<Path> files = Files.list(DistTree.systemd())) {
      for (Path f : files.sorted().toList()) {
        units.put(f.getFileName().toString(), UnitFile.read(f));
      }
    }
  }

  private static UnitFile unit(String daemon) {
    UnitFile u = units.get("pacer-" + daemon + ".service");
    assertTrue(u != null, "no unit for daemon " + daemon + " in " + units.keySet());
    return u;
  }

  @Test
  void everyDaemonHasAUnitThatRunsItAndRestartsOnFailure() {
    Set<String> expected = new HashSet<>(Set.of("pacer.target"));
    for (DaemonSpec daemon : DaemonSpec.standard()) {
      expected.add("pacer-" + daemon.name() + ".service");
      UnitFile u = unit(daemon.name());
      assertEquals(
          "/usr/share/pacer/bin/pacer-daemon " + daemon.name(),
          u.value("Service", "ExecStart"),
          u.name());
      assertEquals("on-failure", u.value("Service", "Restart"), u.name());
      assertEquals("pacer.target", u.value("Unit", "PartOf"), u.name());
      assertEquals("pacer.target", u.value("Install", "WantedBy"), u.name());
      assertTrue(
          unitsOf("pacer.target", "Wants").contains(u.name()), "pacer.target wants " + u.name());
    }
    assertEquals(expected, units.keySet());
  }

  @Test
  void startOrderIsMembershipCibThenStonithdAndLrmdThenPengineThenCrmd() {
    assertAfter("cib", "membership");
    assertAfter("stonithd", "cib");
    assertAfter("lrmd", "cib");
    assertAfter("pengine", "stonithd");
    assertAfter("pengine", "lrmd");
    assertAfter("crmd", "pengine");
    // The supervisor used without systemd starts them in the same order.
    List<DaemonSpec> order = DaemonSpec.standard();
    for (int i = 0; i < order.size(); i++) {
      for (int j = i + 1; j < order.size(); j++) {
        assertFalse(
            after(order.get(i).name()).contains("pacer-" + order.get(j).name() + ".service"),
            order.get(i).name()
                + " is ordered after "
                + order.get(j).name()
                + ", which the supervisor starts later");
      }
    }
  }

  @Test
  void onlyDaemonsThatRunNoAgentsAreSandboxed() {
    for (DaemonSpec daemon : DaemonSpec.standard()) {
      UnitFile u = unit(daemon.name());
      Map<String, List<String>> service = u.sections().get("Service");
      if (RUN_AGENTS.contains(daemon.name())) {
        for (String key : service.keySet()) {
          assertFalse(
              SANDBOX_PREFIXES.stream().anyMatch(key::startsWith),
              u.name() + " runs agents and must not set " + key);
        }
        // A restart of the daemon must not kill the agents' services in its control group.
        assertEquals("process", u.value("Service", "KillMode"), u.name());
      } else {
        assertEquals("yes", u.value("Service", "NoNewPrivileges"), u.name());
        assertEquals("full", u.value("Service", "ProtectSystem"), u.name());
        assertFalse(service.containsKey("MemoryDenyWriteExecute"), "the JIT needs W+X memory");
      }
    }
  }

  /**
   * systemd's own check of the units, run in a scratch root holding the system's units, ours and
   * the launcher they name (the units' ExecStart must exist). Any message fails the test: an
   * unknown key is only a warning to systemd-analyze, but it is a typo to us.
   */
  @Test
  void systemdAnalyzeVerifyFindsNothing(@TempDir Path root) throws Exception {
    Path tool = Path.of("/usr/bin/systemd-analyze");
    Assumptions.assumeTrue(
        Files.isExecutable(tool),
        "systemd-analyze is not installed (package systemd): units not verified by systemd");
    Path unitDir = Files.createDirectories(root.resolve("usr/lib/systemd/system"));
    Path systemUnits = Path.of("/usr/lib/systemd/system");
    if (Files.isDirectory(systemUnits)) {
      try (Stream<Path> files = Files.list(systemUnits)) {
        for (Path f : files.filter(Files::isRegularFile).toList()) {
          Files.copy(f, unitDir.resolve(f.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
    List<String> command = new ArrayList<>(List.of(tool.toString(), "verify", "--root=" + root));
    for (String name : units.keySet()) {
      Path copy = unitDir.resolve(name);
      Files.copy(DistTree.systemd().resolve(name), copy, StandardCopyOption.REPLACE_EXISTING);
      command.add(copy.toString());
    }
    Path bin = Files.createDirectories(root.resolve("usr/share/pacer/bin"));
    Files.copy(
        DistTree.module().resolve("bin/pacer-daemon"),
        bin.resolve("pacer-daemon"),
        StandardCopyOption.COPY_ATTRIBUTES);
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "systemd-analyze verify did not finish");
    assertEquals(0, p.exitValue(), output);
    assertEquals("", output.strip(), "systemd-analyze verify complained");
  }

  private static List<String> unitsOf(String unit, String key) {
    return units.get(unit).values("Unit", key);
  }

  /** Every unit a daemon's unit is ordered after, directly or through others. */
  private static Set<String> after(String daemon) {
    Set<String> seen = new HashSet<>();
    Deque<String> todo = new ArrayDeque<>(unitsOf("pacer-" + daemon + ".service", "After"));
    while (!todo.isEmpty()) {
      String next = todo.pop();
      if (seen.add(next) && units.containsKey(next)) {
        todo.addAll(unitsOf(next, "After"));
      }
    }
    return seen;
  }

  private static void assertAfter(String daemon, String earlier) {
    assertTrue(
        after(daemon).contains("pacer-" + earlier + ".service"),
        "pacer-" + daemon + " must start after pacer-" + earlier);
  }
}
