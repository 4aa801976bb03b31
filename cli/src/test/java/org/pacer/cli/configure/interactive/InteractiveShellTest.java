package org.pacer.cli.configure.interactive;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacer.cli.configure.store.CibXml;

/**
 * The interactive shell in a real pseudo-terminal (a private tmux server): levels and prompts, tab
 * completion of agents and their parameters, an error that leaves the shell running, and a commit.
 * Skipped where tmux is not installed.
 */
class InteractiveShellTest {
  @TempDir Path dir;
  private final String socket =
      "crm-test-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
  private boolean started;

  @AfterEach
  void stopTmux() throws Exception {
    if (started) {
      tmux("kill-server");
    }
  }

  @Test
  void levelsCompletionAndAnError() throws Exception {
    assumeTrue(onPath("tmux"), "tmux is not installed");
    org.pacer.cli.configure.FakeAgents.thing(dir.resolve("ocf"), "size");
    Path cib = dir.resolve("cib.xml");
    Files.writeString(cib, CibXml.print(CibXml.empty().getDocumentElement()));
    String command =
        String.join(
            " ",
            "env",
            "CIB_file=" + cib,
            "HOME=" + dir,
            "OCF_ROOT=" + dir.resolve("ocf"),
            "'" + Path.of(System.getProperty("java.home"), "bin", "java") + "'",
            "-cp",
            "'" + System.getProperty("java.class.path") + "'",
            "org.pacer.cli.configure.CrmRunner");
    tmux("new-session", "-d", "-x", "160", "-y", "50", "-s", "crm", command);
    started = true;
    waitFor("crm(cib.xml)#"); // the screen capture drops trailing blanks
    type("configure");
    enter();
    waitFor("crm(cib.xml)configure#");
    type("primitive web ocf:test:Th");
    key("Tab");
    waitFor("primitive web ocf:test:Thing");
    type("si"); // the completion above ended with a blank
    key("Tab");
    waitFor("ocf:test:Thing size=");
    type("3");
    enter();
    type("location l1 web 100 n1");
    enter();
    waitFor("expected a score such as \"100:\"");
    type("property stonith-enabled=false");
    enter();
    type("commit");
    enter();
    type("up");
    enter();
    waitFor("\ncrm(cib.xml)#\n"); // back at the top level, nothing typed yet
    String x = Files.readString(cib);
    assertTrue(x.contains("name=\"size\" value=\"3\""), x);
    type("quit");
    enter();
  }

  private void type(String text) throws Exception {
    tmux("send-keys", "-t", "crm", "-l", text);
  }

  private void key(String k) throws Exception {
    tmux("send-keys", "-t", "crm", k);
  }

  private void enter() throws Exception {
    key("Enter");
  }

  /** Polls the screen (up to 30 s, the JVM starts inside) until it shows {@code text}. */
  private void waitFor(String text) throws Exception {
    String screen = "";
    for (int i = 0; i < 300; i++) {
      screen = tmux("capture-pane", "-p", "-t", "crm");
      if (screen.contains(text)) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the screen never showed " + text + ":\n" + screen);
  }

  private String tmux(String... args) throws IOException, InterruptedException {
    // a private server on a socket in the test's directory: nothing else is touched, and the
    // socket goes with the directory
    List<String> cmd = new ArrayList<>(List.of("tmux", "-S", dir.resolve("tmux").toString()));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(10, TimeUnit.SECONDS)) {
      p.destroyForcibly();
    }
    return out;
  }

  private static boolean onPath(String exe) {
    for (String d : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      if (Files.isExecutable(Path.of(d, exe))) {
        return true;
      }
    }
    return false;
  }
}
