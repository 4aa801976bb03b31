package org.pacer.stonithd.agent;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Finds a fence agent's executable by name in a list of directories (Debian's fence-agents install
 * into /usr/sbin; Pacer's own test agents live in their own directory). Names are checked first so
 * a CIB cannot make stonithd run an arbitrary path.
 */
public final class AgentLocator {

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.+-]*");

  private final List<Path> directories;

  public AgentLocator(List<Path> directories) {
    this.directories = List.copyOf(directories);
  }

  public static AgentLocator system() {
    return new AgentLocator(List.of(Path.of("/usr/sbin"), Path.of("/usr/lib/pacer/fence")));
  }

  public List<Path> directories() {
    return directories;
  }

  /** The executable, or empty with the reason in {@link #whyMissing}. */
  public Optional<Path> find(String agent) {
    if (!NAME.matcher(agent).matches()) {
      return Optional.empty();
    }
    for (Path dir : directories) {
      Path candidate = dir.resolve(agent);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  public String whyMissing(String agent) {
    if (!NAME.matcher(agent).matches()) {
      return "'" + agent + "' is not a valid fence agent name";
    }
    return "fence agent " + agent + " not found (looked in " + directories + ")";
  }
}
