package org.pacer.lrmd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacer.cib.daemon.CibDaemonFactory;
import org.pacer.lrmd.agent.TestNode;
import org.pacer.messaging.daemon.Daemon;
import org.pacer.messaging.daemon.DaemonContext;
import org.pacer.messaging.paths.NodePaths;
import org.pacer.messaging.transport.EventLoops;
import picocli.CommandLine;

/** {@code crm resource force-*} on a CIB file, checked against crm_resource where installed. */
class ResourceForceCommandIT {

  private static final Path CRM_RESOURCE = Path.of("/usr/sbin/crm_resource");

  @TempDir Path dir;
  private Path cib;

  record Run(int exit, String out, String err) {
    String firstLine() {
      return out.isEmpty() ? "" : out.lines().findFirst().orElse("");
    }
  }

  @BeforeEach
  void setUp() throws Exception {
    TestNode.assumeAgentsInstalled();
    cib = dir.resolve("cib.xml");
    Files.writeString(
        cib,
        """
        <cib crm_feature_set="3.16.2" validate-with="pacemaker-3.9" epoch="1" num_updates="0" admin_epoch="0">
          <configuration>
            <crm_config/>
            <nodes/>
            <resources>
              <primitive id="d" class="ocf" provider="heartbeat" type="Dummy">
                <instance_attributes id="d-ia">
                  <nvpair id="d-state" name="state" value="%1$s/d.state"/>
                </instance_attributes>
                <operations>
                  <op id="d-start" name="start" interval="0" timeout="30s"/>
                  <op id="d-mon" name="monitor" interval="10s" timeout="15s"/>
                </operations>
              </primitive>
              <clone id="st-clone">
                <meta_attributes id="st-clone-meta">
                  <nvpair id="st-promotable" name="promotable" value="true"/>
                </meta_attributes>
                <primitive id="st" class="ocf" provider="pacemaker" type="Stateful">
                  <instance_attributes id="st-ia">
                    <nvpair id="st-state" name="state" value="%1$s/st.state"/>
                  </instance_attributes>
                </primitive>
              </clone>
              <primitive id="missing" class="ocf" provider="heartbeat" type="NoSuchAgent"/>
            </resources>
            <constraints/>
          </configuration>
          <status/>
        </cib>
        """
            .formatted(dir));
  }

  private Run ours(String command, String resource) {
    Map<String, String> env = new HashMap<>(System.getenv());
    env.remove("PACER_ROOT");
    env.remove("OCF_ROOT");
    env.put("CIB_file", cib.toString());
    return ours(command, resource, env);
  }

  private Run ours(String command, String resource, Map<String, String> env) {
    CliEnvironment environment =
        new CliEnvironment(env, "node1", Path.of("/etc/init.d"), Path.of("/usr/sbin"));
    Object commandObject =
        switch (command) {
          case "force-start" -> new ResourceForceCommand.Start(environment);
          case "force-stop" -> new ResourceForceCommand.Stop(environment);
          case "force-check" -> new ResourceForceCommand.Check(environment);
          case "force-promote" -> new ResourceForceCommand.Promote(environment);
          case "force-demote" -> new ResourceForceCommand.Demote(environment);
          default -> throw new IllegalArgumentException(command);
        };
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(commandObject);
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int exit = cli.execute(resource.split(" "));
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void dummySequenceReturnsTheAgentsCodes() {
    Run probe = ours("force-check", "d");
    assertEquals(7, probe.exit(), probe::toString);
    assertEquals(
        "Operation force-check for d (ocf:heartbeat:Dummy) returned 7 (not running)",
        probe.firstLine());
    assertTrue(probe.err().contains("Error performing operation: Not running"));
    assertEquals(0, ours("force-start", "d").exit());
    Run check = ours("force-check", "d");
    assertEquals(0, check.exit());
    assertEquals("", check.err());
    assertEquals(0, ours("force-stop", "d").exit());
    assertEquals(7, ours("force-check", "d").exit());
  }

  @Test
  void traceShowsTheAgentsShellCommands() {
    Run traced = ours("force-check", "-V d");
    assertEquals(7, traced.exit(), traced::toString);
    assertTrue(traced.out().contains("+ "), () -> "no trace in " + traced.out());
  }

  @Test
  void statefulInsideAPromotableCloneIsEightWhenPromoted() throws Exception {
    assertEquals(0, ours("force-start", "st").exit());
    assertEquals(0, ours("force-promote", "st").exit());
    Run promoted = ours("force-check", "st");
    assertEquals(8, promoted.exit());
    assertEquals(
        "Operation force-check for st (ocf:pacemaker:Stateful) returned 8 (promoted)",
        promoted.firstLine());
    Files.writeString(dir.resolve("st.state.rc"), "9\n");
    Run failed = ours("force-check", "st");
    assertEquals(9, failed.exit());
    assertEquals(
        "Operation force-check for st (ocf:pacemaker:Stateful) returned 9 (promoted (failed): 9 GB redirected to /dev/null)",
        failed.firstLine());
    Files.delete(dir.resolve("st.state.rc"));
    assertEquals(0, ours("force-demote", "st").exit());
    assertEquals(0, ours("force-stop", "st").exit());
  }

  @Test
  void readsTheLiveCibFromTheNodesCibDaemon() throws Exception {
    Path root = dir.resolve("node");
    Path cibDir = Files.createDirectories(root.resolve("var/lib/pacer/cib"));
    Files.copy(cib, cibDir.resolve("cib.xml"));
    try (EventLoops loops = EventLoops.create("force-it", 1);
        Daemon daemon =
            new CibDaemonFactory()
                .start(new DaemonContext(new NodePaths(root), "node1", loops, Clock.systemUTC()))) {
      Map<String, String> env = new HashMap<>(System.getenv());
      env.remove("CIB_file");
      env.remove("OCF_ROOT");
      env.put("PACER_ROOT", root.toString());
      Run probe = ours("force-check", "d", env);
      assertEquals(7, probe.exit(), probe::toString);
      assertEquals(
          "Operation force-check for d (ocf:heartbeat:Dummy) returned 7 (not running)",
          probe.firstLine());
      assertEquals(105, ours("force-check", "nosuch", env).exit());
    }
    Map<String, String> noDaemon = new HashMap<>(System.getenv());
    noDaemon.remove("CIB_file");
    noDaemon.put("PACER_ROOT", dir.resolve("nothing-here").toString());
    Run refused = ours("force-check", "d", noDaemon);
    assertTrue(refused.err().contains("cannot connect to the CIB"), refused::err);
    assertTrue(refused.exit() != 0);
  }

  @Test
  void missingResourceAndMissingAgentAreNamed() {
    Run noResource = ours("force-start", "nosuch");
    assertEquals(105, noResource.exit());
    assertTrue(noResource.err().contains("Resource 'nosuch' not found"), noResource::err);
    Run noAgent = ours("force-start", "missing");
    assertEquals(5, noAgent.exit());
    assertTrue(
        noAgent
            .err()
            .contains(
                "could not be executed (Not installed: /usr/lib/ocf/resource.d/heartbeat/NoSuchAgent: No such file or directory)"),
        noAgent::err);
  }

  @Test
  void exitCodesAndResultLinesMatchCrmResource() throws Exception {
    assumeTrue(Files.isExecutable(CRM_RESOURCE), "pacemaker-cli-utils is not installed");
    List<List<String>> steps =
        List.of(
            List.of("force-check", "d"),
            List.of("force-start", "d"),
            List.of("force-check", "d"),
            List.of("force-stop", "d"),
            List.of("force-start", "st"),
            List.of("force-promote", "st"),
            List.of("force-check", "st"),
            List.of("force-demote", "st"),
            List.of("force-stop", "st"),
            List.of("force-check", "nosuch"));
    // The same sequence through both, each from a clean state.
    List<String> ours = new java.util.ArrayList<>();
    for (List<String> step : steps) {
      Run run = ours(step.get(0), step.get(1));
      ours.add(step + " " + run.exit() + " " + run.firstLine());
    }
    Files.deleteIfExists(dir.resolve("d.state"));
    Files.deleteIfExists(dir.resolve("st.state"));
    List<String> theirs = new java.util.ArrayList<>();
    for (List<String> step : steps) {
      Run run = theirsWithCib(step.get(0), step.get(1));
      theirs.add(step + " " + run.exit() + " " + run.firstLine());
    }
    assertEquals(theirs, ours);
  }

  private Run theirsWithCib(String command, String resource) throws Exception {
    ProcessBuilder builder =
        new ProcessBuilder(CRM_RESOURCE.toString(), "--" + command, "-r", resource)
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    builder.environment().put("CIB_file", cib.toString());
    Process process = builder.start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    process.waitFor(60, TimeUnit.SECONDS);
    return new Run(process.exitValue(), out, err);
  }
}
