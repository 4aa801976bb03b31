package org.pacer.messaging.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Reads users and groups from the files the C library reads ({@code /etc/passwd}, {@code
 * /etc/group}) and a process's supplementary groups from {@code /proc}. The locations are
 * injectable so tests use their own files.
 *
 * <p>The kernel's peer credentials carry only the primary group, so membership of a supplementary
 * group such as {@code haclient} is read from {@code /proc/PID/status} as well.
 */
public final class SystemAccounts {

  private final Path passwd;
  private final Path group;
  private final Path proc;

  public SystemAccounts(Path passwd, Path group, Path proc) {
    this.passwd = passwd;
    this.group = group;
    this.proc = proc;
  }

  public static SystemAccounts system() {
    return new SystemAccounts(Path.of("/etc/passwd"), Path.of("/etc/group"), Path.of("/proc"));
  }

  /** The user name of a uid, or {@code uid:N} when there is none. */
  public String userName(int uid) {
    for (String line : lines(passwd)) {
      String[] f = line.split(":", -1);
      if (f.length > 2 && f[2].equals(Integer.toString(uid))) {
        return f[0];
      }
    }
    return "uid:" + uid;
  }

  /** The uid of a user name. */
  public OptionalInt uid(String user) {
    for (String line : lines(passwd)) {
      String[] f = line.split(":", -1);
      if (f.length > 2 && f[0].equals(user)) {
        return parse(f[2]);
      }
    }
    return OptionalInt.empty();
  }

  /** The gid of a group name, e.g. {@code haclient}. */
  public OptionalInt groupId(String name) {
    for (String line : lines(group)) {
      String[] f = line.split(":", -1);
      if (f.length > 2 && f[0].equals(name)) {
        return parse(f[2]);
      }
    }
    return OptionalInt.empty();
  }

  /** Whether a user is listed as a member of a group (its secondary members). */
  public boolean listedInGroup(String user, String groupName) {
    for (String line : lines(group)) {
      String[] f = line.split(":", -1);
      if (f.length > 3 && f[0].equals(groupName)) {
        return List.of(f[3].split(",")).contains(user);
      }
    }
    return false;
  }

  /** The groups of a running process (real, effective and supplementary), empty if it is gone. */
  public Set<Integer> processGroups(int pid) {
    Set<Integer> gids = new HashSet<>();
    for (String line : lines(proc.resolve(Integer.toString(pid)).resolve("status"))) {
      if (line.startsWith("Groups:") || line.startsWith("Gid:")) {
        for (String token : line.substring(line.indexOf(':') + 1).trim().split("\\s+")) {
          parse(token).ifPresent(gids::add);
        }
      }
    }
    return gids;
  }

  /** The effective uid of this process. */
  public int currentUid() {
    for (String line : lines(proc.resolve("self/status"))) {
      if (line.startsWith("Uid:")) {
        String[] ids = line.substring(4).trim().split("\\s+");
        if (ids.length > 1) {
          return parse(ids[1]).orElse(-1);
        }
      }
    }
    return -1;
  }

  public Optional<String> currentUser() {
    int uid = currentUid();
    return uid < 0 ? Optional.empty() : Optional.of(userName(uid));
  }

  private static OptionalInt parse(String s) {
    try {
      return OptionalInt.of(Integer.parseInt(s.trim()));
    } catch (NumberFormatException e) {
      return OptionalInt.empty();
    }
  }

  private static List<String> lines(Path file) {
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return List.of();
    }
  }
}
