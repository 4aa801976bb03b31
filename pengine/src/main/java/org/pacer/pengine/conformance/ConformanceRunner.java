package org.pacer.pengine.conformance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.pacer.pengine.Simulator;

/**
 * Runs the scheduler over Pacemaker's regression corpus in-process and compares each Transition
 * Summary with the one Pacemaker 2.1.5 printed. Prints PASS/FAIL per case (with the differing lines
 * when verbose), a per-feature table, and the overall count.
 *
 * <p>Usage: {@code ConformanceRunner CORPUS_DIR [--filter REGEX] [-v] [--write FILE]}
 */
public final class ConformanceRunner {
  /** The outcome of one case. */
  public record CaseResult(String name, boolean passed, List<String> diff, List<String> features) {}

  /** The outcome of a run. */
  public record Report(List<CaseResult> cases) {
    public long passed() {
      return cases.stream().filter(CaseResult::passed).count();
    }

    /** feature → {cases, passed}, most common first. */
    public Map<String, int[]> byFeature() {
      Map<String, int[]> m = new TreeMap<>();
      for (CaseResult r : cases) {
        for (String f : r.features().isEmpty() ? List.of("(none)") : r.features()) {
          int[] v = m.computeIfAbsent(f, k -> new int[2]);
          v[0]++;
          if (r.passed()) {
            v[1]++;
          }
        }
      }
      List<Map.Entry<String, int[]>> l = new ArrayList<>(m.entrySet());
      l.sort(
          (a, b) ->
              a.getValue()[0] != b.getValue()[0]
                  ? b.getValue()[0] - a.getValue()[0]
                  : a.getKey().compareTo(b.getKey()));
      Map<String, int[]> out = new LinkedHashMap<>();
      for (var e : l) {
        out.put(e.getKey(), e.getValue());
      }
      return out;
    }

    /** The per-feature table as Markdown. */
    public String table() {
      StringBuilder s = new StringBuilder();
      s.append("| feature | cases | passed | failed | pass rate |\n");
      s.append("|---|---:|---:|---:|---:|\n");
      for (var e : byFeature().entrySet()) {
        int[] v = e.getValue();
        s.append(
            String.format(
                "| %s | %d | %d | %d | %.0f%% |%n",
                e.getKey(), v[0], v[1], v[0] - v[1], 100.0 * v[1] / v[0]));
      }
      s.append(
          String.format(
              "| **all** | %d | %d | %d | %.1f%% |%n",
              cases.size(),
              passed(),
              cases.size() - passed(),
              100.0 * passed() / Math.max(1, cases.size())));
      return s.toString();
    }
  }

  private ConformanceRunner() {}

  /** Runs every case of the corpus whose name matches filter (null = all). */
  public static Report run(Path corpus, String filter) throws IOException {
    Map<String, List<String>> features = features(corpus.resolve("cases.tsv"));
    Pattern p = filter == null ? null : Pattern.compile(filter);
    List<CaseResult> results = new ArrayList<>();
    List<Path> summaries;
    try (var s = Files.list(corpus.resolve("summary"))) {
      summaries = s.filter(f -> f.toString().endsWith(".summary")).sorted().toList();
    }
    // A fixed "now" after 2022: the four wall-clock cases give the stored answer for any such date.
    LocalDateTime now = LocalDateTime.ofEpochSecond(1_764_000_000L, 0, ZoneOffset.UTC);
    for (Path sum : summaries) {
      String name = sum.getFileName().toString().replace(".summary", "");
      if (p != null && !p.matcher(name).find()) {
        continue;
      }
      String expectedText = Files.readString(sum);
      List<String> expected = SummaryComparison.transitionLines(expectedText);
      String actualText;
      try {
        actualText =
            Simulator.simulateText(Files.readString(corpus.resolve("xml/" + name + ".xml")), now);
      } catch (Exception | StackOverflowError e) {
        actualText = "error: " + e;
      }
      List<String> actual = SummaryComparison.transitionLines(actualText);
      List<String> diff;
      if (actual == null) {
        diff = List.of("error: " + firstLine(actualText));
      } else {
        diff = SummaryComparison.diff(expected, actual);
      }
      results.add(
          new CaseResult(name, diff.isEmpty(), diff, features.getOrDefault(name, List.of())));
    }
    return new Report(results);
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  private static Map<String, List<String>> features(Path tsv) throws IOException {
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (!Files.exists(tsv)) {
      return out;
    }
    List<String> lines = Files.readAllLines(tsv);
    for (String line : lines.subList(1, lines.size())) {
      String[] cols = line.split("\t", -1);
      if (cols.length > 5) {
        out.put(cols[0], cols[5].isEmpty() ? List.of() : List.of(cols[5].split(",")));
      }
    }
    return out;
  }

  public static void main(String[] args) throws IOException {
    if (args.length < 1) {
      System.err.println(
          "usage: ConformanceRunner CORPUS_DIR [--filter REGEX] [-v] [--write FILE]");
      System.exit(2);
    }
    String filter = null;
    boolean verbose = false;
    Path write = null;
    for (int i = 1; i < args.length; i++) {
      switch (args[i]) {
        case "--filter" -> filter = args[++i];
        case "-v" -> verbose = true;
        case "--write" -> write = Path.of(args[++i]);
        default -> {
          System.err.println("unknown option " + args[i]);
          System.exit(2);
        }
      }
    }
    long t0 = System.nanoTime();
    Report r = run(Path.of(args[0]), filter);
    long ms = (System.nanoTime() - t0) / 1_000_000;
    for (CaseResult c : r.cases()) {
      if (!c.passed() || verbose) {
        System.out.println((c.passed() ? "PASS " : "FAIL ") + c.name());
        if (verbose) {
          c.diff().forEach(d -> System.out.println("    " + d));
        }
      }
    }
    System.out.println();
    System.out.print(r.table());
    System.out.println();
    System.out.printf(
        "%d passed, %d failed (%d ms)%n", r.passed(), r.cases().size() - r.passed(), ms);
    if (write != null) {
      ConformanceDoc.write(write, r);
    }
  }
}
