package org.pacer.cli.configure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacer.cli.configure.store.CibStoreException;
import org.pacer.cli.configure.store.CibXml;

/**
 * Our own configure scripts ({@code differential/*.crm}, covering every configure command) run
 * through crmsh 4.4.1 and through our crm, each on an empty CIB file: the configurations must be
 * the same up to attribute order and the CIB's version attributes. Skipped when crmsh is not
 * installed.
 */
class CrmshDifferentialTest {

  @Test
  void ourCibEqualsCrmshs(@TempDir Path tmp) throws Exception {
    assumeTrue(onPath("crm"), "crmsh is not installed");
    Path probe = tmp.resolve("probe");
    Files.createDirectories(probe);
    SharedCorpus.writeEmptyCib(probe.resolve("cib.xml"));
    String said = runCrmsh(probe, "configure\nprimitive probe ocf:heartbeat:Dummy\ncommit\n");
    assumeTrue(
        Files.readString(probe.resolve("cib.xml")).contains("id=\"probe\""),
        "crmsh is installed but does not work here: " + said);
    Path corpus = corpus();
    List<Path> scripts;
    try (Stream<Path> s = Files.list(corpus)) {
      scripts =
          s.filter(
                  p ->
                      p.toString().endsWith(".crm")
                          && !Set.of("update.crm", "commented.crm")
                              .contains(p.getFileName().toString()))
              .sorted()
              .toList();
    }
    assertTrue(scripts.size() >= 8, "corpus missing");
    List<String> failures = new ArrayList<>();
    for (Path script : scripts) {
      String name = script.getFileName().toString();
      Path theirs = prepare(corpus, tmp.resolve("crmsh-" + name));
      Path ours = prepare(corpus, tmp.resolve("pacer-" + name));
      String text = Files.readString(script);
      String crmshErr = runCrmsh(theirs, text);
      SharedCorpus.Run r = SharedCorpus.crm(ours, ours.resolve("cib.xml"), text, false);
      if (r.exit() != 0) {
        failures.add(name + ": our crm failed:\n" + r.err());
        continue;
      }
      String a = canonical(theirs.resolve("cib.xml"));
      String b = canonical(ours.resolve("cib.xml"));
      if (!a.equals(b)) {
        failures.add(name + ": " + firstDifference(a, b) + "\n  crmsh said: " + crmshErr);
      }
    }
    failures.forEach(System.out::println);
    System.out.printf(
        "crmsh differential: %d/%d scripts give crmsh's CIB%n",
        scripts.size() - failures.size(), scripts.size());
    assertEquals(List.of(), failures);
  }

  static String firstDifference(String a, String b) {
    int i = 0;
    while (i < Math.min(a.length(), b.length()) && a.charAt(i) == b.charAt(i)) {
      i++;
    }
    int from = Math.max(0, i - 200);
    return "differs at\n  crmsh ..."
        + a.substring(from, Math.min(a.length(), i + 200))
        + "\n  ours  ..."
        + b.substring(from, Math.min(b.length(), i + 200));
  }

  static Path corpus() throws URISyntaxException {
    URL u = CrmshDifferentialTest.class.getResource("differential/01-primitives.crm");
    return Path.of(u.toURI()).getParent();
  }

  private static Path prepare(Path corpus, Path dir) throws IOException {
    Files.createDirectories(dir);
    try (Stream<Path> s = Files.list(corpus)) {
      for (Path p : s.toList()) {
        Files.copy(p, dir.resolve(p.getFileName()));
      }
    }
    SharedCorpus.writeEmptyCib(dir.resolve("cib.xml"));
    return dir;
  }

  private static String runCrmsh(Path dir, String script) throws Exception {
    Path f = dir.resolve("script.in");
    Files.writeString(f, script);
    ProcessBuilder pb =
        new ProcessBuilder("crm", "-F", "-f", f.toString())
            .directory(dir.toFile())
            .redirectErrorStream(true);
    pb.environment().put("CIB_file", dir.resolve("cib.xml").toString());
    Process p = pb.start();
    String out;
    try (InputStream in = p.getInputStream()) {
      out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("crmsh did not finish");
    }
    return out.replaceAll("\u001b\\[[0-9;]*m", "");
  }

  static boolean onPath(String exe) {
    for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(d, exe))) {
        return true;
      }
    }
    return Files.isExecutable(Path.of("/usr/sbin", exe));
  }

  /** The CIB without its status, attributes sorted, version attributes dropped. */
  static String canonical(Path cib) throws IOException, CibStoreException {
    return SharedCorpus.canonical(CibXml.parse(Files.readString(cib)).getDocumentElement());
  }
}
