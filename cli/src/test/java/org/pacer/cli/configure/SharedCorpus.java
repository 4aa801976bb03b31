package org.pacer.cli.configure;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.pacer.cli.configure.session.CrmShell;
import org.pacer.cli.configure.session.ShellOptions;
import org.pacer.cli.configure.store.CibXml;

/** Finding ../shared/conformance, running our crm on a CIB file, and compare_cib.py. */
public final class SharedCorpus {
  private SharedCorpus() {}

  /** {@code ../shared/conformance} from the repository root, or null when absent. */
  public static Path conformance() {
    for (Path p : List.of(Path.of("..", "shared"), Path.of("..", "..", "shared"))) {
      Path c = p.resolve("conformance").toAbsolutePath().normalize();
      if (Files.isDirectory(c)) {
        return c;
      }
    }
    return null;
  }

  /** Result of one crm run: exit code and what it printed. */
  record Run(int exit, String out, String err) {}

  /** Runs a script through our shell against {@code cib} (crmsh's {@code -F}, keep going). */
  static Run crm(Path dir, Path cib, String script, boolean keepGoing) {
    ShellOptions o = new ShellOptions();
    o.force = true;
    o.keepGoing = keepGoing;
    o.workingDirectory = dir;
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CrmShell shell =
        new CrmShell(
            store(cib),
            o,
            new PrintWriter(out),
            new PrintWriter(err),
            new ByteArrayInputStream(new byte[0]));
    int rc = shell.runScript(script);
    return new Run(rc, out.toString(), err.toString());
  }

  /** The store the crm command uses for CIB_file: the cib module's file connection. */
  static org.pacer.cli.configure.store.CibStore store(Path cib) {
    return new org.pacer.cli.configure.store.ConnectionStore(
        new org.pacer.cib.client.FileCibConnection(cib, "root", Clock.systemUTC(), "localhost"));
  }

  /** An empty CIB with fencing disabled, so that crm_verify's checks pass on a bare config. */
  static void writeCibWithoutFencing(Path cib) throws IOException {
    String empty = CibXml.print(CibXml.empty().getDocumentElement());
    Files.writeString(
        cib,
        empty.replace(
            "<crm_config/>",
            "<crm_config><cluster_property_set id=\"cib-bootstrap-options\"><nvpair"
                + " id=\"cib-bootstrap-options-stonith-enabled\" name=\"stonith-enabled\""
                + " value=\"false\"/></cluster_property_set></crm_config>"));
  }

  static void writeEmptyCib(Path cib) throws IOException {
    Files.writeString(cib, CibXml.print(CibXml.empty().getDocumentElement()));
  }

  /** compare_cib.py EXPECTED ACTUAL: null when equivalent, else its report. */
  static String compare(Path conformance, Path expected, Path actual, String... extra)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add("python3");
    cmd.add(conformance.resolve("compare_cib.py").toString());
    cmd.addAll(List.of(extra));
    cmd.add(expected.toString());
    cmd.add(actual.toString());
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return "compare_cib.py timed out";
    }
    return p.exitValue() == 0 ? null : output;
  }

  static boolean hasPython() {
    try {
      Process p = new ProcessBuilder("python3", "--version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static final java.util.Set<String> BOOKKEEPING =
      java.util.Set.of(
          "epoch",
          "num_updates",
          "admin_epoch",
          "cib-last-written",
          "update-origin",
          "update-client",
          "update-user",
          "have-quorum",
          "dc-uuid",
          "crm_feature_set",
          "execution-date");

  /**
   * An element as text with its attributes sorted, comments kept, the status section and the CIB's
   * version attributes left out: equal strings mean equal configurations.
   */
  static String canonical(org.w3c.dom.Element e) {
    StringBuilder b = new StringBuilder();
    canonical(e, b);
    return b.toString();
  }

  private static void canonical(org.w3c.dom.Element e, StringBuilder b) {
    b.append('<').append(e.getTagName());
    List<String> attrs = new ArrayList<>();
    for (int i = 0; i < e.getAttributes().getLength(); i++) {
      org.w3c.dom.Attr a = (org.w3c.dom.Attr) e.getAttributes().item(i);
      if (!(e.getTagName().equals("cib") && BOOKKEEPING.contains(a.getName()))) {
        attrs.add(a.getName() + "=\"" + a.getValue() + "\"");
      }
    }
    attrs.sort(null);
    attrs.forEach(a -> b.append(' ').append(a));
    b.append('>');
    for (org.w3c.dom.Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
      if (c instanceof org.w3c.dom.Element ce) {
        if (!ce.getTagName().equals("status")) {
          canonical(ce, b);
        }
      } else if (c.getNodeType() == org.w3c.dom.Node.COMMENT_NODE) {
        b.append("<!--").append(c.getNodeValue().strip()).append("-->");
      } else if (!c.getNodeValue().isBlank()) {
        b.append(c.getNodeValue().strip());
      }
    }
    b.append("</").append(e.getTagName()).append('>');
  }
}
