package org.pacer.cli.configure;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacer.cli.configure.model.Command;
import org.pacer.cli.configure.session.ConfigureSession;
import org.pacer.cli.configure.session.ShellOptions;
import org.pacer.cli.configure.store.CibFile;
import org.pacer.cli.configure.store.CibXml;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * For every CIB of Pacemaker's scheduler regression inputs: {@code show}, then {@code load replace}
 * of that text, gives back exactly the same configuration (every element, attribute and id, in the
 * same order).
 */
class RoundTripTest {

  @Test
  void showThenLoadReplaceReproducesEverySchedulerCib(@TempDir Path tmp) throws Exception {
    Path conf = SharedCorpus.conformance();
    assumeTrue(conf != null, "../shared/conformance is absent");
    Path dir = conf.resolve("pacemaker-scheduler/xml");
    assumeTrue(Files.isDirectory(dir), "no pacemaker-scheduler/xml");
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.toString().endsWith(".xml")).sorted().toList();
    }
    List<String> failures = new ArrayList<>();
    int xmlStatements = 0;
    int statements = 0;
    for (Path f : files) {
      String problem;
      try {
        String[] r = roundTrip(f, tmp);
        problem = r[0];
        for (org.pacer.cli.configure.parse.Statement st :
            org.pacer.cli.configure.parse.Lexer.split(r[1])) {
          statements++;
          if (st.tokens().get(0).text().equals("xml")) {
            xmlStatements++;
          }
        }
      } catch (Exception e) {
        problem = e.toString();
      }
      if (problem != null) {
        failures.add(f.getFileName() + ": " + problem);
      }
    }
    System.out.printf(
        "round trip: %d/%d CIBs identical; %d of %d statements needed the xml form%n",
        files.size() - failures.size(), files.size(), xmlStatements, statements);
    failures.stream().limit(40).forEach(System.out::println);
    assertTrue(
        failures.isEmpty(), () -> failures.size() + " CIBs changed; first: " + failures.get(0));
  }

  /** Returns {problem or null, the shown text}. */
  static String[] roundTrip(Path cibXml, Path tmp) throws Exception {
    Path cib = tmp.resolve("rt.xml");
    Files.copy(cibXml, cib, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    ShellOptions o = new ShellOptions();
    o.force = true;
    o.sortElements = false; // crmsh's "options sort_elements false": objects in CIB order
    o.workingDirectory = tmp;
    StringWriter out = new StringWriter();
    ConfigureSession s = session(cib, o, out);
    Document original = s.working();
    s.execute(new Command.Show(false, List.of()));
    String text = out.toString();
    Path saved = tmp.resolve("rt.crm");
    Files.writeString(saved, text, StandardCharsets.UTF_8);
    StringWriter out2 = new StringWriter();
    ConfigureSession again = session(cib, o, out2);
    again.execute(new Command.Load(false, "replace", "rt.crm"));
    String a = canonical(original);
    String b = canonical(again.working());
    if (a.equals(b)) {
      again.execute(new Command.Show(false, List.of()));
      if (!out2.toString().equals(text)) {
        return new String[] {"show after load replace prints different text", text};
      }
      return new String[] {null, text};
    }
    int i = 0;
    while (i < Math.min(a.length(), b.length()) && a.charAt(i) == b.charAt(i)) {
      i++;
    }
    int from = Math.max(0, i - 150);
    return new String[] {
      "differs at\n  expected ..."
          + a.substring(from, Math.min(a.length(), i + 150))
          + "\n  actual   ..."
          + b.substring(from, Math.min(b.length(), i + 150)),
      text
    };
  }

  private static ConfigureSession session(Path cib, ShellOptions o, StringWriter out)
      throws Exception {
    return new ConfigureSession(
        new CibFile(cib, Clock.systemUTC()),
        o,
        new PrintWriter(out),
        new PrintWriter(new StringWriter()),
        new ByteArrayInputStream(new byte[0]));
  }

  /**
   * The configuration as Pacemaker reads it: attributes in any order, children in order among those
   * of the same name (the relative order of differently named siblings, such as a clone's
   * meta_attributes and its primitive, means nothing to Pacemaker), comments where they stand.
   */
  static String canonical(Document d) {
    StringBuilder b = new StringBuilder();
    canonical(CibXml.child(d.getDocumentElement(), "configuration"), b);
    return b.toString();
  }

  private static void canonical(Element e, StringBuilder b) {
    b.append('<').append(e.getTagName());
    List<String> attrs = new ArrayList<>();
    for (int i = 0; i < e.getAttributes().getLength(); i++) {
      org.w3c.dom.Attr a = (org.w3c.dom.Attr) e.getAttributes().item(i);
      attrs.add(a.getName() + "=\"" + a.getValue() + "\"");
    }
    attrs.sort(null);
    attrs.forEach(a -> b.append(' ').append(a));
    b.append('>');
    java.util.Map<String, StringBuilder> byName = new java.util.TreeMap<>();
    for (org.w3c.dom.Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
      if (c instanceof Element ce) {
        canonical(ce, byName.computeIfAbsent(ce.getTagName(), t -> new StringBuilder()));
      } else if (c.getNodeType() == org.w3c.dom.Node.COMMENT_NODE) {
        // a comment stays with the element it precedes
        String next = "";
        for (org.w3c.dom.Node n = c.getNextSibling(); n != null; n = n.getNextSibling()) {
          if (n instanceof Element ne) {
            next = ne.getTagName();
            break;
          }
        }
        byName
            .computeIfAbsent(next, t -> new StringBuilder())
            .append("<!--")
            .append(c.getNodeValue().strip())
            .append("-->");
      } else if (!c.getNodeValue().isBlank()) {
        b.append(c.getNodeValue().strip());
      }
    }
    byName.values().forEach(b::append);
    b.append("</").append(e.getTagName()).append('>');
  }
}
