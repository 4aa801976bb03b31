package org.pacer.crmd.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * Our {@code crm_mon -1 -r --output-as=xml} against Debian's on the scheduler corpus (CIB_file):
 * the nodes, resources and failures sections element by element, attribute by attribute (in any
 * attribute order). A sample by default, all inputs with {@code -Dcrm.status.all=true}; every
 * document we write is also validated against Pacemaker's API schema when xmllint and the schema
 * are installed. Skipped without the corpus or crm_mon.
 */
class CrmMonXmlConformanceTest {
  private static final Path CORPUS = CrmMonConformanceTest.CORPUS;
  private static final Path SCHEMA = Path.of("/usr/share/pacemaker/api/api-result-2.25.rng");
  private static final List<String> SECTIONS = List.of("nodes", "resources", "failures");

  /** Equal sections in the full corpus, measured on this branch: nodes, resources, failures. */
  private static final int[] FLOOR_ALL = {702, 627, 762};

  @Test
  void sameXmlAsPacemakersCrmMon() throws Exception {
    List<Path> inputs = CrmMonConformanceTest.corpusInputs();
    boolean all = Boolean.getBoolean("crm.status.all");
    boolean validate = Files.isReadable(SCHEMA) && Files.isExecutable(Path.of("/usr/bin/xmllint"));
    List<String> args = List.of("-1", "-r", "--output-as=xml");
    int compared = 0;
    int[] equal = new int[SECTIONS.size()];
    List<String> invalid = new ArrayList<>();
    List<String> differ = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i++) {
      if (!all && i % 10 != 0) {
        continue;
      }
      Path in = inputs.get(i);
      String theirs = CrmMonConformanceTest.theirs(in, args);
      ToolResult ours = CrmMon.run(args, new FileCibBackend(in), ZonedDateTime.now());
      if (theirs == null || ours.exitCode() != 0) {
        continue; // pengine refuses this input (bundles)
      }
      compared++;
      Element a = parse(theirs);
      Element b = parse(ours.stdout());
      for (int k = 0; k < SECTIONS.size(); k++) {
        String x = canonical(child(a, SECTIONS.get(k)));
        String y = canonical(child(b, SECTIONS.get(k)));
        if (x.equals(y)) {
          equal[k]++;
        } else if (differ.size() < 10) {
          differ.add(
              in.getFileName() + " " + SECTIONS.get(k) + "\n  crm_mon: " + x + "\n  ours:    " + y);
        }
      }
      if (validate && !validates(ours.stdout())) {
        invalid.add(in.getFileName().toString());
      }
    }
    assumeTrue(compared > 0, "nothing compared");
    System.out.printf(
        "crm_mon XML on %d CIBs: nodes %d, resources %d, failures %d equal%n",
        compared, equal[0], equal[1], equal[2]);
    differ.forEach(System.out::println);
    assertEquals(List.of(), invalid, "documents that fail Pacemaker's schema");
    for (int k = 0; k < SECTIONS.size(); k++) {
      int floor = all ? FLOOR_ALL[k] : (int) (compared * (FLOOR_ALL[k] / 799.0) * 0.9);
      assertTrue(equal[k] >= floor, SECTIONS.get(k) + ": " + equal[k] + " < " + floor);
    }
  }

  @Test
  void jsonHoldsTheSameData() throws Exception {
    Path in = CORPUS.resolve("bug-5028-detach.xml");
    assumeTrue(Files.isReadable(in), "no conformance corpus");
    String json =
        CrmMon.run(List.of("-1", "--output-as=json"), new FileCibBackend(in), ZonedDateTime.now())
            .stdout();
    var root = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
    var result = root.get("pacemaker-result");
    assertEquals("bl460g6b", result.get("summary").get("current_dc").get("name").asText());
    assertEquals(2, result.get("nodes").get("node").size());
    var group = result.get("resources").get("group").get(0);
    assertEquals("dummy-g", group.get("id").asText());
    var dummy02 = group.get("resource").get(1);
    assertTrue(dummy02.get("blocked").asBoolean() && dummy02.get("failed").asBoolean(), json);
    assertEquals(1, dummy02.get("nodes_running_on").asInt());
    assertEquals(
        "dummy02_stop_0", result.get("failures").get("failure").get(0).get("op_key").asText());
    assertEquals(0, result.get("status").get("code").asInt());
  }

  @Test
  void badInputGetsAClearErrorAndCrmMonsExitCode() throws Exception {
    Path empty = Files.createTempFile("cib", ".xml");
    try {
      Files.writeString(
          empty,
          "<cib><configuration><crm_config/><nodes/><resources/><constraints/>"
              + "</configuration><status/></cib>");
      ToolResult r =
          CrmMon.run(
              List.of("-1", "--output-as=yaml"), new FileCibBackend(empty), ZonedDateTime.now());
      assertEquals(ExitCodes.USAGE, r.exitCode());
      assertTrue(r.stderr().contains("unknown output format 'yaml'"), r.stderr());
      ToolResult ok = CrmMon.run(List.of("-X"), new FileCibBackend(empty), ZonedDateTime.now());
      assertEquals(0, ok.exitCode(), ok.stderr());
      assertTrue(ok.stdout().contains("<status code=\"0\" message=\"OK\"/>"), ok.stdout());
    } finally {
      Files.delete(empty);
    }
    // CIB_file that cannot be read: crm_mon's "could not connect" code, naming the file.
    ToolException missing =
        assertThrows(
            ToolException.class, () -> new FileCibBackend(Path.of("/nonexistent/cib.xml")));
    assertEquals(ExitCodes.NOT_CONNECTED, missing.exitCode());
    assertTrue(missing.getMessage().contains("/nonexistent/cib.xml"), missing.getMessage());
    Path garbage = Files.createTempFile("cib", ".xml");
    try {
      Files.writeString(garbage, "<cib");
      ToolException bad = assertThrows(ToolException.class, () -> new FileCibBackend(garbage));
      assertEquals(ExitCodes.NOT_CONNECTED, bad.exitCode());
      Files.writeString(
          garbage,
          "<cib><configuration><resources><primitive id='p'/></resources></configuration></cib>");
      ToolResult x =
          CrmMon.run(List.of("-1", "-X"), new FileCibBackend(garbage), ZonedDateTime.now());
      assertEquals(ExitCodes.DATAERR, x.exitCode());
      assertTrue(x.stdout().contains("<status code=\"65\""), x.stdout());
      assertTrue(x.stdout().contains("cannot read the CIB"), x.stdout());
    } finally {
      Files.delete(garbage);
    }
  }

  private static boolean validates(String xml) throws Exception {
    Path f = Files.createTempFile("crm_mon", ".xml");
    try {
      Files.writeString(f, xml);
      Process p =
          new ProcessBuilder(
                  "/usr/bin/xmllint", "--noout", "--relaxng", SCHEMA.toString(), f.toString())
              .redirectErrorStream(true)
              .start();
      p.getInputStream().readAllBytes();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } finally {
      Files.delete(f);
    }
  }

  static Element parse(String xml) throws Exception {
    return DocumentBuilderFactory.newInstance()
        .newDocumentBuilder()
        .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)))
        .getDocumentElement();
  }

  private static Element child(Element e, String tag) {
    for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element c && c.getTagName().equals(tag)) {
        return c;
      }
    }
    return null;
  }

  /** Tag, sorted attributes and children, in document order (failures sorted: any order). */
  static String canonical(Element e) {
    if (e == null) {
      return "";
    }
    StringBuilder b = new StringBuilder("<").append(e.getTagName());
    NamedNodeMap attrs = e.getAttributes();
    TreeMap<String, String> sorted = new TreeMap<>();
    for (int i = 0; i < attrs.getLength(); i++) {
      sorted.put(attrs.item(i).getNodeName(), attrs.item(i).getNodeValue());
    }
    sorted.forEach((k, v) -> b.append(' ').append(k).append("=\"").append(v).append('"'));
    b.append('>');
    List<String> children = new ArrayList<>();
    for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element c) {
        children.add(canonical(c));
      }
    }
    if (e.getTagName().equals("failures")) {
      children.sort(String::compareTo);
    }
    children.forEach(b::append);
    return b.append("</").append(e.getTagName()).append('>').toString();
  }
}
