package org.pacer.pengine.conformance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the scheduler's section ("## pengine") of docs/conformance.md from a run, leaving the
 * other modules' sections alone; hand-written notes below the table, up to the next section, are
 * kept.
 */
final class ConformanceDoc {
  static final String HEADER = "## pengine";
  static final String MARKER = "<!-- end of generated pengine table -->";

  private ConformanceDoc() {}

  static void write(Path file, ConformanceRunner.Report r) throws IOException {
    String old = Files.exists(file) ? Files.readString(file) : "# Conformance\n";
    int start = old.indexOf(HEADER + "\n");
    int end = start < 0 ? -1 : old.indexOf("\n## ", start + 1);
    String notes = "";
    if (start >= 0) {
      String section = end < 0 ? old.substring(start) : old.substring(start, end + 1);
      int m = section.indexOf(MARKER);
      if (m >= 0) {
        notes = section.substring(m + MARKER.length());
      }
    }
    StringBuilder s = new StringBuilder(HEADER).append("\n\n");
    s.append("The scheduler's Transition Summaries compared with those of Pacemaker 2.1.5's\n")
        .append("`crm_simulate -S` over Pacemaker's scheduler regression corpus\n")
        .append("(`../shared/conformance/pacemaker-scheduler`, ")
        .append(r.cases().size())
        .append(" cases). A case passes when the two\n")
        .append("Transition Summary blocks are identical as multisets of whitespace-normalised")
        .append(" lines\n(as `compare_summary.py` compares them). Features are those `cases.tsv`")
        .append(
            " guesses from\neach case's XML; a case counts once under each of its features.\n\n");
    s.append("Regenerate this table (in-process, well under a minute):\n\n")
        .append("    mvn -o -q -pl pengine -am package -DskipTests\n")
        .append("    java -cp 'pengine/target/classes:pengine/target/lib/*' \\\n")
        .append("      org.pacer.pengine.conformance.ConformanceRunner \\\n")
        .append("      ../shared/conformance/pacemaker-scheduler --write docs/conformance.md\n\n")
        .append("or as a process per case with the corpus's own script:\n\n")
        .append("    ../shared/conformance/compare_summary.py")
        .append(" --dir ../shared/conformance/pacemaker-scheduler \\\n")
        .append("      --cmd 'pengine/bin/crm-simulate -S -x {xml}'\n\n")
        .append(
            "The unit test `ConformanceTest` runs the same comparison in `mvn verify` and fails")
        .append(" when the\npass count falls below its floor.\n\n");
    s.append("**")
        .append(r.passed())
        .append(" of ")
        .append(r.cases().size())
        .append(
            String.format(" cases pass (%.1f%%).**%n%n", 100.0 * r.passed() / r.cases().size()));
    s.append(r.table());
    s.append('\n').append(MARKER);
    s.append(notes.isEmpty() ? "\n" : notes);
    String out;
    if (start < 0) {
      out = (old.endsWith("\n") ? old : old + "\n") + "\n" + s;
    } else {
      out = old.substring(0, start) + s + (end < 0 ? "" : old.substring(end + 1));
    }
    Files.writeString(file, out);
  }
}
