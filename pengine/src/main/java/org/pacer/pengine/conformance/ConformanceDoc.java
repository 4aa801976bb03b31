package org.pacer.pengine.conformance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes docs/conformance.md from a run, keeping any hand-written text after the marker. */
final class ConformanceDoc {
  static final String MARKER = "<!-- end of generated part -->";

  private ConformanceDoc() {}

  static void write(Path file, ConformanceRunner.Report r) throws IOException {
    String tail = "";
    if (Files.exists(file)) {
      String old = Files.readString(file);
      int i = old.indexOf(MARKER);
      if (i >= 0) {
        tail = old.substring(i + MARKER.length());
      }
    }
    StringBuilder s = new StringBuilder();
    s.append("# Scheduler conformance\n\n");
    s.append(
        "Transition Summaries of Pacer's scheduler compared with those of Pacemaker 2.1.5's\n");
    s.append("`crm_simulate -S` over Pacemaker's scheduler regression corpus\n");
    s.append("(`../shared/conformance/pacemaker-scheduler`, ")
        .append(r.cases().size())
        .append(" cases). A case passes when the two\n");
    s.append(
        "Transition Summary blocks are identical as multisets of whitespace-normalised lines\n");
    s.append(
        "(as `compare_summary.py` compares them). Features are those `cases.tsv` guesses from\n");
    s.append("each case's XML; a case counts once under each of its features.\n\n");
    s.append("Regenerate this table (in-process, well under a minute):\n\n");
    s.append("    mvn -o -q -pl pengine -am package -DskipTests\n");
    s.append("    java -cp pengine/target/classes:pengine/target/lib/* \\\n");
    s.append("      org.pacer.pengine.conformance.ConformanceRunner \\\n");
    s.append("      ../shared/conformance/pacemaker-scheduler --write docs/conformance.md\n\n");
    s.append("Or as a process per case with the corpus's own script:\n\n");
    s.append(
        "    ../shared/conformance/compare_summary.py --dir ../shared/conformance/pacemaker-scheduler \\\n");
    s.append("      --cmd 'pengine/bin/crm-simulate -S -x {xml}'\n\n");
    s.append("**")
        .append(r.passed())
        .append(" of ")
        .append(r.cases().size())
        .append(" cases pass.**\n\n");
    s.append(r.table());
    s.append("\n").append(MARKER);
    s.append(tail.isEmpty() ? "\n" : tail);
    Files.writeString(file, s.toString());
  }
}
