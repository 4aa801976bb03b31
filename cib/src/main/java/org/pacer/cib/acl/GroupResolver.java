package org.pacer.cib.acl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/** The system groups a user belongs to, for {@code acl_group}. */
@FunctionalInterface
public interface GroupResolver {

  Set<String> groupsOf(String user);

  /** No group memberships: only {@code acl_target} entries apply. */
  static GroupResolver none() {
    return user -> Set.of();
  }

  /**
   * Supplementary groups from a group(5) file such as {@code /etc/group}; read at each call, so
   * membership changes take effect without a restart. A missing file means no groups.
   */
  static GroupResolver fromFile(Path groupFile) {
    return user -> {
      Set<String> out = new HashSet<>();
      try {
        for (String line : Files.readAllLines(groupFile)) {
          String[] f = line.split(":", -1);
          if (f.length >= 4 && Set.of(f[3].split(",")).contains(user)) {
            out.add(f[0]);
          }
        }
      } catch (IOException e) {
        return Set.of();
      }
      return out;
    };
  }
}
