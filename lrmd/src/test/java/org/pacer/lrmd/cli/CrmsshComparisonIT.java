package org.pacer.lrmd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pacer.lrmd.agent.TestNode;
import picocli.CommandLine;

/**
 * {@code crm ra} against crmsh's own output on this machine's agents. Skipped where crmsh is not
 * installed.
 */
class CrmsshComparisonIT {

  private static final Path CRM = Path.of("/usr/sbin/crm");

  @BeforeAll
  static void needsCrmsh() {
    TestNode.assumeAgentsInstalled();
    assumeTrue(Files.isExecutable(CRM), "crmsh is not installed (apt-get install crmsh)");
  }

  static CliEnvironment systemEnvironment() {
    Map<String, String> env = new HashMap<>(System.getenv());
    env.remove("PACER_ROOT");
    env.remove("OCF_ROOT");
    return new CliEnvironment(env, "node1", Path.of("/etc/init.d"), Path.of("/usr/sbin"));
  }

  static String ours(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new RaCommand(systemEnvironment()));
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int code = cli.execute(args);
    return out + err.toString().replace("ERROR: ", "") + "exit " + (code == 0 ? 0 : 1);
  }

  static String crmsh(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(CRM.toString(), "ra"));
    command.addAll(List.of(args));
    Process process =
        new ProcessBuilder(command)
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
            .start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    process.waitFor(60, TimeUnit.SECONDS);
    // crmsh colours its ERROR prefix and may leave off the last newline.
    err = err.replaceAll("\u001b\\[[0-9;]*m", "").replace("ERROR: ", "");
    if (!out.isEmpty() && !out.endsWith("\n")) {
      out += "\n";
    }
    if (!err.isEmpty() && !err.endsWith("\n")) {
      err += "\n";
    }
    return out + err + "exit " + (process.exitValue() == 0 ? 0 : 1);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "classes",
        "list ocf pacemaker",
        "list ocf heartbeat",
        "list ocf",
        "list lsb",
        "list service",
        "list ocf nosuch",
        "list nagios",
        "providers Dummy",
        "providers NoSuchAgent",
        "info ocf:pacemaker:Stateful",
        "info ocf:heartbeat:Dummy",
        "info ocf:heartbeat:IPaddr2",
        "info ocf:heartbeat:anything",
        "info ocf:heartbeat:Delay",
        "info ocf:pacemaker:ping",
        "info Dummy",
        "meta ocf:pacemaker:Dummy",
        "info lsb:procps"
      })
  void printsWhatCrmshPrints(String command) throws Exception {
    String[] args = command.split(" ");
    String[] reference = args.clone();
    if ("meta".equals(reference[0])) {
      // crmsh warns that meta is deprecated and runs info; Pacer just runs info.
      reference[0] = "info";
    }
    assertEquals(crmsh(reference), ours(args), command);
  }

  /**
   * A fence agent: crmsh adds the device parameters Pacemaker's fencer defines (pcmk_host_list,
   * pcmk_delay_max, ...), which belong to pacer-stonithd; everything else must match.
   */
  @org.junit.jupiter.api.Test
  void fenceAgentInfoMatchesApartFromTheFencersOwnParameters() throws Exception {
    assumeTrue(
        Files.isExecutable(Path.of("/usr/sbin/fence_dummy")), "fence-agents is not installed");
    String theirs = crmsh("info", "stonith:fence_dummy");
    StringBuilder withoutFencer = new StringBuilder();
    boolean inFencerParameter = false;
    for (String line : theirs.split("\n", -1)) {
      if (line.startsWith("pcmk_")) {
        inFencerParameter = true;
      } else if (inFencerParameter
          && (line.startsWith("Operations'") || !line.startsWith(" ") && !line.isEmpty())) {
        inFencerParameter = false;
      }
      if (!inFencerParameter) {
        withoutFencer.append(line).append('\n');
      }
    }
    // The removed block ended with the blank line that separates the sections: keep one.
    String expected =
        withoutFencer
            .substring(0, withoutFencer.length() - 1)
            .replaceAll("([^\\n])\\nOperations' defaults", "$1\n\nOperations' defaults");
    assertEquals(expected, ours("info", "stonith:fence_dummy"));
  }
}
