package org.pacer.lrmd.process;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Wraps a command so that it runs in its own session and process group (so that a timeout can kill
 * the whole tree with one signal to the group), and tells afterwards how it ended.
 *
 * <p>The JDK reports a child killed by signal N as exit code 128+N, which collides with real agent
 * codes (190 and 191 are OCF "degraded", 150 and 151 LSB status codes). Two modes:
 *
 * <ul>
 *   <li>{@link Mode#EXACT}: the command runs under {@code setsid perl}; perl forks it, waits, and
 *       on death by a signal writes a marker line on stderr, so every exit code and every signal is
 *       told apart exactly. Costs a perl start (about 2 ms of CPU) per run.
 *   <li>{@link Mode#FAST}: the command runs under {@code setsid} alone. A code 128+N is read as
 *       signal N only for the signals that end a process by default and are sent in practice (1-16,
 *       24-27, 29-31); every other code above 128 (150, 151, 190, 191, ...) is an exit code. An
 *       agent that itself exits with, say, 137 is then reported as killed by signal 9.
 * </ul>
 *
 * <p>Either way the launcher is the leader of the new group, whose id is the pid the JDK knows.
 */
public final class Launcher {

  /** How a launcher tells signals from exit codes; see the class comment. */
  public enum Mode {
    EXACT,
    FAST
  }

  static final String SIGNAL_MARKER = "pacer-launcher: terminated by signal ";
  static final String EXEC_MARKER = "pacer-launcher: cannot execute: ";
  private static final Pattern SETSID_EXEC =
      Pattern.compile("setsid: failed to execute [^:]*: ([^\\n]*)\\n?");

  // Kept on one line per statement so `ps` shows something readable.
  private static final String SCRIPT =
      "$p = fork;"
          + " if (!defined $p) { print STDERR \"\\n"
          + EXEC_MARKER
          + "$!\\n\"; exit 126 }"
          + " if (!$p) { exec { $ARGV[0] } @ARGV; print STDERR \"\\n"
          + EXEC_MARKER
          + "$!\\n\"; exit 127 }"
          + " waitpid($p, 0); $s = $?;"
          + " if ($s & 127) { print STDERR \"\\n"
          + SIGNAL_MARKER
          + "\", $s & 127, \"\\n\"; exit 128 + ($s & 127) }"
          + " exit($s >> 8);";

  private static final Pattern SIGNAL_LINE =
      Pattern.compile("\\n?" + Pattern.quote(SIGNAL_MARKER) + "(\\d+)\\n");
  private static final Pattern EXEC_LINE =
      Pattern.compile("\\n?" + Pattern.quote(EXEC_MARKER) + "([^\\n]*)\\n");

  /** Signals whose default action ends a process and that are sent to agents in practice. */
  private static final Set<Integer> KILLING_SIGNALS =
      Set.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 24, 25, 26, 27, 29, 30, 31);

  private final Mode mode;
  private final String setsid;
  private final String perl;

  public Launcher(Mode mode, String setsid, String perl) {
    this.mode = mode;
    this.setsid = setsid;
    this.perl = perl;
  }

  /** The exact launcher at the usual Debian paths. */
  public static Launcher system() {
    return system(Mode.EXACT);
  }

  public static Launcher system(Mode mode) {
    return new Launcher(mode, "/usr/bin/setsid", "/usr/bin/perl");
  }

  public Mode mode() {
    return mode;
  }

  public List<String> wrap(List<String> command) {
    if (command.isEmpty()) {
      throw new IllegalArgumentException("empty command");
    }
    List<String> wrapped = new ArrayList<>(command.size() + 5);
    wrapped.add(setsid);
    if (mode == Mode.EXACT) {
      wrapped.add(perl);
      wrapped.add("-e");
      wrapped.add(SCRIPT);
      wrapped.add("--");
    }
    wrapped.addAll(command);
    return wrapped;
  }

  /** What the launcher reported, and the stderr with its markers removed. */
  public record Decoded(ExitStatus status, String stderr) {}

  /**
   * Decodes a normal end of the launcher (timeouts are decided by the runner, not here).
   *
   * @param exitValue what the JDK reported for the launcher process
   * @param stderr the command's stderr as captured (its tail holds any marker)
   */
  public Decoded decode(int exitValue, String stderr) {
    return mode == Mode.EXACT ? decodeExact(exitValue, stderr) : decodeFast(exitValue, stderr);
  }

  static Decoded decodeExact(int exitValue, String stderr) {
    Optional<Matcher> exec = lastMatch(EXEC_LINE, stderr);
    if (exec.isPresent() && (exitValue == 126 || exitValue == 127)) {
      Matcher m = exec.get();
      return new Decoded(new ExitStatus.LaunchFailed(m.group(1)), remove(stderr, m));
    }
    Optional<Matcher> signal = lastMatch(SIGNAL_LINE, stderr);
    if (signal.isPresent() && exitValue > 128) {
      Matcher m = signal.get();
      int number = Integer.parseInt(m.group(1));
      if (number == exitValue - 128) {
        return new Decoded(new ExitStatus.Signaled(number), remove(stderr, m));
      }
    }
    // Without a marker the command exited normally, even with a code above 128 (OCF 190/191).
    return new Decoded(new ExitStatus.Exited(exitValue), stderr);
  }

  static Decoded decodeFast(int exitValue, String stderr) {
    Optional<Matcher> exec = lastMatch(SETSID_EXEC, stderr);
    if (exec.isPresent() && (exitValue == 126 || exitValue == 127)) {
      Matcher m = exec.get();
      return new Decoded(new ExitStatus.LaunchFailed(m.group(1)), remove(stderr, m));
    }
    if (exitValue > 128 && KILLING_SIGNALS.contains(exitValue - 128)) {
      return new Decoded(new ExitStatus.Signaled(exitValue - 128), stderr);
    }
    return new Decoded(new ExitStatus.Exited(exitValue), stderr);
  }

  private static Optional<Matcher> lastMatch(Pattern pattern, String text) {
    Matcher matcher = pattern.matcher(text);
    int last = -1;
    while (matcher.find()) {
      last = matcher.start();
    }
    if (last < 0) {
      return Optional.empty();
    }
    Matcher found = pattern.matcher(text);
    found.find(last);
    return Optional.of(found);
  }

  private static String remove(String text, Matcher match) {
    return text.substring(0, match.start()) + text.substring(match.end());
  }
}
