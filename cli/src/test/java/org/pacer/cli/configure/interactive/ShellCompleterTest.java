package org.pacer.cli.configure.interactive;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacer.cli.configure.agents.OcfAgents;
import org.pacer.cli.configure.session.CrmShell;
import org.pacer.cli.configure.session.ShellOptions;
import org.pacer.cli.configure.store.CibFile;
import org.pacer.cli.configure.store.CibXml;

class ShellCompleterTest {
  @Test
  void completesCommandsIdsAgentsAndParameters(@TempDir Path dir) throws Exception {
    org.pacer.cli.configure.FakeAgents.thing(dir.resolve("ocf"), "size");
    Path cib = dir.resolve("cib.xml");
    Files.writeString(cib, CibXml.print(CibXml.empty().getDocumentElement()));
    ShellOptions o = new ShellOptions();
    o.force = true;
    CrmShell shell =
        new CrmShell(
            new CibFile(cib, Clock.systemUTC()),
            o,
            new PrintWriter(new StringWriter()),
            new PrintWriter(new StringWriter()),
            new ByteArrayInputStream(new byte[0]));
    shell.runLine("configure");
    shell.runLine("node n1");
    shell.runLine("primitive web ocf:test:Thing");
    ShellCompleter c = new ShellCompleter(shell, new OcfAgents(dir.resolve("ocf"), dir));
    assertTrue(c.candidates("configure", List.of()).contains("primitive"));
    assertTrue(c.candidates("configure", List.of("primitive", "x")).contains("ocf:test:Thing"));
    List<String> p = c.candidates("configure", List.of("primitive", "x", "ocf:test:Thing"));
    assertTrue(p.contains("size=") && p.contains("params"), p.toString());
    assertTrue(c.candidates("configure", List.of("delete")).contains("web"));
    assertTrue(c.candidates("configure", List.of("location", "l", "web", "100:")).contains("n1"));
    assertTrue(c.candidates("resource", List.of("stop")).contains("web"));
    assertTrue(c.candidates("resource", List.of("failcount", "web")).contains("show"));
    assertTrue(c.candidates("resource", List.of("failcount", "web", "show")).contains("n1"));
    assertTrue(c.candidates("node", List.of("status-attr", "n1")).contains("set"));
    assertTrue(c.candidates("", List.of("status")).contains("bynode"));
  }
}
