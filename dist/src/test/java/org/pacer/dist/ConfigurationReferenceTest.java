package org.pacer.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.pacer.pengine.model.ClusterOption;

/**
 * docs/configuration.md stays true to the code. The cluster option table is generated from {@link
 * ClusterOption} (run with {@code -Dpacer.docs.update=true} to rewrite it); every resource meta
 * attribute the scheduler reads is documented, and every one documented is read somewhere.
 */
class ConfigurationReferenceTest {

  private static final Path DOC = DistTree.repository().resolve("docs/configuration.md");
  private static final String BEGIN =
      "<!-- cluster-options:begin (generated from org.pacer.pengine.model.ClusterOption by"
          + " dist's ConfigurationReferenceTest; -Dpacer.docs.update=true rewrites it) -->";
  private static final String END = "<!-- cluster-options:end -->";

  /**
   * Defaults of Debian 12's Pacemaker 2.1.5, from {@code pacemaker-schedulerd metadata} and {@code
   * pacemaker-controld metadata}: facts to compare against, so the table shows where Pacer differs
   * and which of Pacemaker's options Pacer does not act on.
   */
  private static final Map<String, String> PACEMAKER = new LinkedHashMap<>();

  static {
    String[][] defaults = {
      {"no-quorum-policy", "stop"},
      {"symmetric-cluster", "true"},
      {"maintenance-mode", "false"},
      {"start-failure-is-fatal", "true"},
      {"enable-startup-probes", "true"},
      {"shutdown-lock", "false"},
      {"shutdown-lock-limit", "0"},
      {"stonith-enabled", "true"},
      {"stonith-action", "reboot"},
      {"stonith-timeout", "60s"},
      {"have-watchdog", "false"},
      {"concurrent-fencing", "false"},
      {"startup-fencing", "true"},
      {"priority-fencing-delay", "0"},
      {"cluster-delay", "60s"},
      {"batch-limit", "0"},
      {"migration-limit", "-1"},
      {"stop-all-resources", "false"},
      {"stop-orphan-resources", "true"},
      {"stop-orphan-actions", "true"},
      {"remove-after-stop", "false"},
      {"pe-error-series-max", "-1"},
      {"pe-warn-series-max", "5000"},
      {"pe-input-series-max", "4000"},
      {"node-health-strategy", "none"},
      {"node-health-base", "0"},
      {"node-health-green", "0"},
      {"node-health-yellow", "0"},
      {"node-health-red", "-INFINITY"},
      {"placement-strategy", "default"},
      {"cluster-name", "(none)"},
      {"dc-deadtime", "20s"},
      {"cluster-recheck-interval", "15min"},
      {"load-threshold", "80%"},
      {"node-action-limit", "0"},
      {"fence-reaction", "stop"},
      {"election-timeout", "2min"},
      {"shutdown-escalation", "20min"},
      {"join-integration-timeout", "3min"},
      {"join-finalization-timeout", "30min"},
      {"transition-delay", "0s"},
      {"stonith-watchdog-timeout", "0"},
      {"stonith-max-attempts", "10"},
    };
    for (String[] d : defaults) {
      PACEMAKER.put(d[0], d[1]);
    }
  }

  static String clusterOptionTable() {
    StringBuilder s = new StringBuilder();
    s.append(BEGIN).append("\n\n");
    s.append("| option | type | default | Pacemaker 2.1.5 | meaning |\n");
    s.append("|---|---|---|---|---|\n");
    Set<String> declared = new TreeSet<>();
    for (ClusterOption o : ClusterOption.values()) {
      declared.add(o.optionName());
      String ours = o.defaultValue() == null ? "(none)" : o.defaultValue();
      String theirs = PACEMAKER.getOrDefault(o.optionName(), "(deprecated; not in its metadata)");
      s.append("| `")
          .append(o.optionName())
          .append("` | ")
          .append(o.type().name().toLowerCase(java.util.Locale.ROOT))
          .append(" | ")
          .append(ours)
          .append(" | ")
          .append(theirs.equals(ours) ? "same" : "**" + theirs + "**")
          .append(" | ")
          .append(o.doc().replace("|", "\\|"))
          .append(" |\n");
    }
    s.append("\nPacemaker options Pacer accepts in the CIB but does not act on: ");
    s.append(
        String.join(
            ", ",
            PACEMAKER.keySet().stream()
                .filter(n -> !declared.contains(n))
                .map(n -> "`" + n + "`")
                .toList()));
    s.append(".\n\n").append(END);
    return s.toString();
  }

  @Test
  void clusterOptionTableIsGeneratedFromTheCode() throws IOException {
    String doc = Files.readString(DOC, StandardCharsets.UTF_8);
    int begin = doc.indexOf(BEGIN);
    int end = doc.indexOf(END);
    assertTrue(begin >= 0 && end > begin, DOC + " lacks the generated cluster option block");
    String current = doc.substring(begin, end + END.length());
    String generated = clusterOptionTable();
    if (!current.equals(generated) && Boolean.getBoolean("pacer.docs.update")) {
      Files.writeString(
          DOC, doc.substring(0, begin) + generated + doc.substring(end + END.length()));
      return;
    }
    assertEquals(
        generated,
        current,
        "docs/configuration.md is stale: mvn -pl dist -am verify -DskipITs"
            + " -Dtest=ConfigurationReferenceTest -Dsurefire.failIfNoSpecifiedTests=false"
            + " -Dpacer.docs.update=true rewrites it");
  }

  /** Meta attribute names the scheduler reads: {@code meta.get("x")}, {@code intMeta(m, "x"}. */
  private static final Pattern META_READ =
      Pattern.compile("(?:meta|\\bm)\\.get\\(\"([a-z_-]+)\"\\)|intMeta\\(m, \"([a-z_-]+)\"");

  /** Names documented in the meta attribute table: rows starting with | `name` |. */
  private static final Pattern META_ROW = Pattern.compile("(?m)^\\| `([a-z_-]+)` \\|");

  @Test
  void everyMetaAttributeTheSchedulerReadsIsDocumentedAndNoOther() throws IOException {
    Set<String> read = new TreeSet<>();
    Path scheduler =
        DistTree.repository().resolve("pengine/src/main/java/org/pacer/pengine/scheduler");
    try (Stream<Path> files = Files.walk(scheduler)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        Matcher m = META_READ.matcher(Files.readString(f));
        while (m.find()) {
          read.add(m.group(1) != null ? m.group(1) : m.group(2));
        }
      }
    }
    // Set by the scheduler itself on implicit resources, not by users.
    read.remove("container");
    String doc = Files.readString(DOC, StandardCharsets.UTF_8);
    int start = doc.indexOf("## Resource meta attributes");
    int stop = doc.indexOf("\n## ", start + 1);
    assertTrue(start >= 0 && stop > start, "no '## Resource meta attributes' section");
    Set<String> documented = new TreeSet<>();
    Matcher rows = META_ROW.matcher(doc.substring(start, stop));
    while (rows.find()) {
      documented.add(rows.group(1));
    }
    Set<String> undocumented = new TreeSet<>(read);
    undocumented.removeAll(documented);
    assertEquals(Set.of(), undocumented, "meta attributes the scheduler reads but the doc lacks");
    Set<String> unread = new TreeSet<>(documented);
    unread.removeAll(read);
    assertEquals(Set.of(), unread, "meta attributes documented but never read by the scheduler");
  }
}
