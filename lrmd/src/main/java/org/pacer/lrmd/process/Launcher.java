package org.pacer.lrmd.process;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Wraps a command so that it runs in its own session and process group and so that its way of
 * ending can be told apart exactly.
 *
 * <p>The JDK reports a child killed by signal N as exit code 128+N, which collides with real agent
 * codes (190 and 191 are OCF "degraded", 150 and 151 LSB status codes). So the command runs under
 * {@code setsid perl}: perl (part of every Debian system) forks the command, waits for it, and on
 * death by a signal writes a marker line on stderr before exiting; on a failed exec it writes
 * another. {@link #decode} turns the JDK exit value and the stderr tail back into an {@link
 * ExitStatus} and removes the markers from what the caller sees. setsid makes perl the leader of a
 * new session and process group, which the command and everything it forks inherit, so a timeout
 * can kill the whole tree with one signal to the group.
 */
public final class Launcher {

  static final String SIGNAL_MARKER = "pacer-launcher: terminated by signal ";
  static final String EXEC_MARKER = "pacer-launcher: cannot execute: ";

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

  private final String setsid;
  private final String perl;

  public Launcher(String setsid, String perl) {
    this.setsid = setsid;
    this.perl = perl;
  }

  /** The launcher found at the usual Debian paths. */
  public static Launcher system() {
    return new Launcher("/usr/bin/setsid", "/usr/bin/perl");
  }

  public List<String> wrap(List<String> command) {
    if (command.isEmpty()) {
      throw new IllegalArgumentException("empty command");
    }
    List<String> wrapped = new ArrayList<>(command.size() + 5);
    wrapped.add(setsid);
    wrapped.add(perl);
    wrapped.add("-e");
    wrapped.add(SCRIPT);
    wrapped.add("--");
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
  public static Decoded decode(int exitValue, String stderr) {
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

  private static Optional<Matcher> lastMatch(Pattern pattern, String text) {
    Matcher matcher = pattern.matcher(text);
    Matcher last = null;
    int from = 0;
    while (matcher.find(from)) {
      last = pattern.matcher(text);
      last.find(matcher.start());
      from = matcher.end();
    }
    return Optional.ofNullable(last);
  }

  private static String remove(String text, Matcher match) {
    return text.substring(0, match.start()) + text.substring(match.end());
  }
}
