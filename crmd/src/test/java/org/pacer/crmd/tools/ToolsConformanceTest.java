package org.pacer.crmd.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * Our crm_attribute and crm_master against Debian's, step by step on two copies of one CIB file
 * (CIB_file): the same output, the same exit code, and the same CIB afterwards. Skips when
 * Pacemaker's tools are not installed.
 */
class ToolsConformanceTest {

  @TempDir Path tmp;

  private static final String CIB =
      "<cib crm_feature_set=\"3.16.1\" validate-with=\"pacemaker-3.7\" epoch=\"3\" num_updates=\"0\""
          + " admin_epoch=\"0\"><configuration><crm_config><cluster_property_set"
          + " id=\"cib-bootstrap-options\"><nvpair id=\"cib-bootstrap-options-stonith-enabled\""
          + " name=\"stonith-enabled\" value=\"false\"/></cluster_property_set></crm_config>"
          + "<nodes><node id=\"1\" uname=\"node1\"/><node id=\"2\" uname=\"node2\"/></nodes>"
          + "<resources><primitive id=\"B\" class=\"ocf\" provider=\"pacemaker\" type=\"Stateful\"/>"
          + "</resources><constraints/></configuration><status><node_state id=\"1\" uname=\"node1\""
          + " in_ccm=\"true\" crmd=\"online\" join=\"member\" expected=\"member\"/></status></cib>";

  /** One step: env (k=v, or "-"), then the command line; "~" at the start compares rc only. */
  private static final List<String> STEPS =
      List.of(
          "- crm_attribute -N node1 -n location -v office",
          "- crm_attribute -N node1 -n location -G",
          "- crm_attribute -N node1 -n location -G -q",
          "- crm_attribute -N node1 -n location --query --quiet",
          "- crm_attribute --node=node1 --name=location -G",
          "- crm_attribute -Nnode1 -nlocation -Gq",
          "- crm_attribute -N node1 -n nothere -G",
          "- crm_attribute -N node1 -n nothere -G -d dflt",
          "- crm_attribute -N node1 -n location -v a -v b",
          "- crm_attribute -N node1 -n location -G",
          "- crm_attribute -N node1 -n location -D",
          "- crm_attribute -N node1 -n location -D",
          "- crm_attribute -N node2 -n foo -l reboot -v 5",
          "- crm_attribute -N node2 -n foo -l reboot -G",
          "- crm_attribute -N node2 -n foo -l forever -G",
          "- crm_attribute -N node2 -n foo -l reboot -D",
          "- crm_attribute -N node1 -n foo -l reboot -v 6",
          "- crm_attribute -N nosuch -n foo -G",
          "- crm_attribute -n x",
          "- crm_attribute -Z",
          "- crm_attribute --bogus",
          "- crm_attribute -n",
          "- crm_attribute -t crm_config -n foo -v bar",
          "- crm_attribute -n foo -G",
          "- crm_attribute -t crm_config -n foo -D",
          "- crm_attribute -n stonith-enabled -G -q",
          "- crm_attribute -N node1 -n a -v 1 --output-as=xml",
          "- crm_attribute -N node1 -n a -G --output-as=xml",
          "- crm_attribute -N node1 -n zz -G --output-as=xml",
          "OCF_RESOURCE_INSTANCE=B crm_attribute -N node1 --promotion -v 10",
          "OCF_RESOURCE_INSTANCE=B crm_attribute -N node1 --promotion -G -q",
          "OCF_RESOURCE_INSTANCE=B crm_attribute -N node1 --promotion=B -G",
          "- crm_attribute -N node1 --promotion -G",
          "OCF_RESOURCE_INSTANCE=B crm_master -N node1 -v 20",
          "OCF_RESOURCE_INSTANCE=B crm_master -N node1 -G -q",
          "OCF_RESOURCE_INSTANCE=B crm_master -N node1 -l reboot -G",
          "OCF_RESOURCE_INSTANCE=B crm_master -N node1 -D",
          "OCF_RESOURCE_INSTANCE=B crm_master -N node1 -G",
          "- crm_master -v 5",
          "~ crm_attribute -N node1 -n foo -l sometimes -G");

  @Test
  void sameOutputsExitCodesAndCibAsPacemaker() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/sbin/crm_attribute")), "no crm_attribute");
    Path theirs = tmp.resolve("theirs.xml");
    Path ours = tmp.resolve("ours.xml");
    Files.writeString(theirs, CIB);
    Files.writeString(ours, CIB);
    for (String step : STEPS) {
      String[] words = step.split(" ");
      boolean rcOnly = words[0].equals("~");
      Map<String, String> env = new HashMap<>();
      if (words[0].contains("=")) {
        String[] kv = words[0].split("=", 2);
        env.put(kv[0], kv[1]);
      }
      String tool = words[1];
      List<String> args = Arrays.asList(words).subList(2, words.length);

      List<String> cmd = new ArrayList<>();
      cmd.add(tool);
      cmd.addAll(args);
      ProcessBuilder pb = new ProcessBuilder(cmd);
      pb.environment().put("CIB_file", theirs.toString());
      pb.environment().put("LC_ALL", "C");
      pb.environment().put("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
      pb.environment().remove("OCF_RESOURCE_INSTANCE");
      pb.environment().putAll(env);
      Process p = pb.start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      p.waitFor(30, TimeUnit.SECONDS);

      ToolResult r = Tools.run(tool, args, env, new FileCibBackend(ours));
      assertEquals(p.exitValue(), r.exitCode(), step + ": exit code");
      if (!rcOnly) {
        assertEquals(out, r.stdout(), step + ": standard output");
        assertEquals(err, r.stderr(), step + ": standard error");
      }
      assertEquals(canonical(theirs), canonical(ours), step + ": the CIB afterwards");
    }
  }

  /** Elements with sorted attributes, whitespace and version counters ignored. */
  static String canonical(Path file) throws Exception {
    var f = DocumentBuilderFactory.newInstance();
    Element root =
        f.newDocumentBuilder()
            .parse(new ByteArrayInputStream(Files.readAllBytes(file)))
            .getDocumentElement();
    StringBuilder sb = new StringBuilder();
    write(root, sb, 0);
    return sb.toString();
  }

  private static void write(Element e, StringBuilder sb, int depth) {
    sb.append("  ".repeat(depth)).append(e.getTagName());
    NamedNodeMap attrs = e.getAttributes();
    Map<String, String> sorted = new TreeMap<>();
    for (int i = 0; i < attrs.getLength(); i++) {
      Node a = attrs.item(i);
      sorted.put(a.getNodeName(), a.getNodeValue());
    }
    if (e.getTagName().equals("cib")) {
      sorted.keySet().removeIf(k -> !k.equals("admin_epoch"));
    }
    sorted.forEach((k, v) -> sb.append(' ').append(k).append("=\"").append(v).append('"'));
    sb.append('\n');
    for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element c) {
        write(c, sb, depth + 1);
      }
    }
  }
}
