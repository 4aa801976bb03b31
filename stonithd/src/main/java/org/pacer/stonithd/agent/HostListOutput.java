package org.pacer.stonithd.agent;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads what an agent's {@code list} action prints: one outlet per line as {@code port} or {@code
 * port,alias} (fence-agents' format), or names separated by spaces. Lines that do not look like
 * that are skipped and counted, so junk output gives an empty list and a clear reason instead of
 * nonsense names.
 */
public final class HostListOutput {

  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_.:@+-]+");

  public record Parsed(Set<String> names, int junkLines) {}

  private HostListOutput() {}

  public static Parsed parse(String output) {
    Set<String> names = new LinkedHashSet<>();
    int junk = 0;
    for (String raw : output.split("\\R")) {
      String line = raw.strip();
      if (line.isEmpty()) {
        continue;
      }
      Set<String> found = new LinkedHashSet<>();
      boolean junkLine = false;
      for (String word : line.split("\\s+")) {
        String[] fields = word.split(",");
        for (int i = 0; i < Math.min(2, fields.length); i++) {
          if (TOKEN.matcher(fields[i]).matches() && !fields[i].endsWith(":")) {
            found.add(fields[i]);
          } else if (i == 0) {
            junkLine = true;
          }
        }
      }
      if (junkLine || found.isEmpty()) {
        junk++;
      } else {
        names.addAll(found);
      }
    }
    return new Parsed(names, junk);
  }
}
