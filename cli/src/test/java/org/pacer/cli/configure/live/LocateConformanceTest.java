package org.pacer.cli.configure.live;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.pacer.cli.configure.store.CibXml;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * {@code crm resource locate} against Debian's {@code crm_resource --locate} for the top-level
 * primitives of every 20th CIB of the scheduler corpus: the same set of nodes. Skipped without the
 * corpus or crm_resource.
 */
class LocateConformanceTest {

  @Test
  void locateAgreesWithCrmResource() throws Exception {
    Path xml = CrmStatusConformanceTest.corpus();
    assumeTrue(xml != null, "no scheduler corpus");
    assumeTrue(Files.isExecutable(Path.of("/usr/sbin/crm_resource")), "no crm_resource");
    List<Path> files;
    try (var s = Files.list(xml)) {
      files = s.filter(p -> p.toString().endsWith(".xml")).sorted().toList();
    }
    int compared = 0;
    int equal = 0;
    List<String> diffs = new ArrayList<>();
    for (int i = 0; i < files.size(); i += 20) {
      Path f = files.get(i);
      Document cib = CibXml.parse(Files.readString(f));
      Locations ours;
      try {
        ours = Locations.of(cib, LocalDateTime.now());
      } catch (Exception e) {
        continue; // what pengine cannot schedule (bundles) crm status does not show either
      }
      NodeList prims = cib.getElementsByTagName("primitive");
      for (int k = 0; k < prims.getLength(); k++) {
        Element p = (Element) prims.item(k);
        if (!(p.getParentNode() instanceof Element parent)
            || !parent.getTagName().equals("resources")) {
          continue;
        }
        String id = p.getAttribute("id");
        TreeSet<String> theirs = crmResource(f, id);
        if (theirs == null) {
          continue;
        }
        compared++;
        if (new TreeSet<>(ours.nodesOf(id)).equals(theirs)) {
          equal++;
        } else {
          diffs.add(
              f.getFileName() + " " + id + ": ours " + ours.nodesOf(id) + ", theirs " + theirs);
        }
      }
    }
    System.out.println("crm resource locate vs crm_resource --locate: " + equal + "/" + compared);
    diffs.stream().limit(10).forEach(System.out::println);
    assertTrue(compared > 20, "compared " + compared);
    assertTrue(equal >= compared * 0.9, equal + "/" + compared + "\n" + String.join("\n", diffs));
  }

  private static TreeSet<String> crmResource(Path f, String id) throws Exception {
    ProcessBuilder pb = new ProcessBuilder("/usr/sbin/crm_resource", "--locate", "-r", id);
    pb.environment().put("CIB_file", f.toString());
    pb.redirectError(ProcessBuilder.Redirect.DISCARD);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return null;
    }
    if (p.exitValue() != 0) {
      return null;
    }
    TreeSet<String> nodes = new TreeSet<>();
    for (String l : out.split("\n")) {
      int at = l.indexOf(" is running on: ");
      if (at >= 0) {
        nodes.add(l.substring(at + " is running on: ".length()).split(" ")[0]);
      }
    }
    return nodes;
  }
}
