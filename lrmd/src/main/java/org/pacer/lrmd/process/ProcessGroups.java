package org.pacer.lrmd.process;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds and signals the processes of a process group. The JDK can signal single processes only, so
 * signalling a group runs the system's {@code kill} with a negative pid; membership is read from
 * {@code /proc}, where zombies (already dead, waiting to be reaped) do not count. Both are used on
 * timeouts only, never on the fast path.
 */
public final class ProcessGroups {

  private static final Logger log = LoggerFactory.getLogger(ProcessGroups.class);

  private final String killCommand;
  private final Path proc;

  public ProcessGroups(String killCommand, Path proc) {
    this.killCommand = killCommand;
    this.proc = proc;
  }

  public static ProcessGroups system() {
    return new ProcessGroups("/usr/bin/kill", Path.of("/proc"));
  }

  /** Sends {@code signal} to every process of group {@code pgid}; false if none was there. */
  public boolean signal(long pgid, int signal) {
    if (pgid <= 1) {
      throw new IllegalArgumentException("refusing to signal process group " + pgid);
    }
    return run(List.of(killCommand, "-s", Integer.toString(signal), "--", "-" + pgid));
  }

  /** The live (not zombie) processes whose process group is {@code pgid}. */
  public List<Long> members(long pgid) {
    List<Long> members = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(proc)) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        if (!name.chars().allMatch(Character::isDigit)) {
          continue;
        }
        ProcStatView stat = readStat(entry.resolve("stat"));
        if (stat != null && stat.pgid() == pgid && stat.state() != 'Z') {
          members.add(Long.parseLong(name));
        }
      }
    } catch (IOException e) {
      log.warn("cannot list {}: {}", proc, e.getMessage());
    }
    return members;
  }

  /** True while process {@code pid} exists and is not a zombie. */
  public boolean running(long pid) {
    ProcStatView stat = readStat(proc.resolve(Long.toString(pid)).resolve("stat"));
    return stat != null && stat.state() != 'Z';
  }

  /** The process group of {@code pid}, if it is running. */
  public OptionalLong groupOf(long pid) {
    ProcStatView stat = readStat(proc.resolve(Long.toString(pid)).resolve("stat"));
    return stat == null ? OptionalLong.empty() : OptionalLong.of(stat.pgid());
  }

  /** Parses "pid (comm) state ppid pgrp ..."; comm may hold spaces and parentheses. */
  static ProcStatView parseStat(String line) {
    int close = line.lastIndexOf(')');
    if (close < 0 || close + 2 >= line.length()) {
      return null;
    }
    String[] fields = line.substring(close + 2).split(" ");
    if (fields.length < 3) {
      return null;
    }
    return new ProcStatView(fields[0].charAt(0), Long.parseLong(fields[2]));
  }

  /** The two fields of a stat line this class needs. */
  record ProcStatView(char state, long pgid) {}

  private static ProcStatView readStat(Path stat) {
    try {
      return parseStat(Files.readString(stat));
    } catch (IOException | RuntimeException e) {
      // The process ended between listing and reading: it is simply gone.
      return null;
    }
  }

  private boolean run(List<String> command) {
    try {
      Process kill =
          new ProcessBuilder(command)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (!kill.waitFor(5, TimeUnit.SECONDS)) {
        kill.destroyForcibly();
        log.warn("{} did not finish within 5 s", command);
        return false;
      }
      return kill.exitValue() == 0;
    } catch (IOException e) {
      log.error("cannot run {}: {}", command, e.getMessage());
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
