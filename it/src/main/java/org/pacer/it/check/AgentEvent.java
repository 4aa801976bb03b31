package org.pacer.it.check;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One line of an {@code ocf:pacer:Logged} log: at {@code timeMs} (epoch) {@code resource} did
 * {@code action} (start, stop, promote, demote) on {@code node}. The harness writes {@code off}
 * with resource {@code *} when it powers a node off: everything there stopped at that moment.
 */
public record AgentEvent(long timeMs, String node, String resource, String action) {

  public static final String ALL = "*";
  public static final String OFF = "off";

  static AgentEvent parse(Path file, String line) {
    String[] f = line.trim().split(" ");
    if (f.length != 4) {
      throw new IllegalArgumentException("bad agent log line in " + file + ": '" + line + "'");
    }
    try {
      return new AgentEvent(Long.parseLong(f[0]), f[1], f[2], f[3]);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("bad time in " + file + ": '" + line + "'");
    }
  }

  /** Every event of every {@code *.log} in {@code dir}, in time order (stable per file). */
  public static List<AgentEvent> readAll(Path dir) throws IOException {
    List<AgentEvent> events = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return events;
    }
    try (var files = Files.list(dir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".log")).sorted().toList()) {
        String text = Files.readString(file);
        // A line being written right now has no newline yet: it is read next time.
        String complete = text.substring(0, text.lastIndexOf('\n') + 1);
        for (String line : complete.split("\n")) {
          if (!line.isBlank()) {
            events.add(parse(file, line));
          }
        }
      }
    }
    events.sort(Comparator.comparingLong(AgentEvent::timeMs));
    return events;
  }

  /** Appends a power-off of {@code node} to its log (the harness's record of a crash). */
  public static void appendOff(Path dir, String node, long timeMs) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(
        dir.resolve(node + ".log"),
        timeMs + " " + node + " " + ALL + " " + OFF + "\n",
        java.nio.file.StandardOpenOption.CREATE,
        java.nio.file.StandardOpenOption.APPEND);
  }

  @Override
  public String toString() {
    return timeMs + " " + node + " " + resource + " " + action;
  }
}
