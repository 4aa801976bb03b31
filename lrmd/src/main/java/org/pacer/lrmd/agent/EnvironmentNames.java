package org.pacer.lrmd.agent;

import java.util.Map;

/**
 * Checks names and values that become environment variables of agents: a name may not be empty or
 * hold {@code =} or NUL, a value may not hold NUL (the environment cannot carry them). Checked when
 * a resource or operation is accepted, so a bad one is refused with its reason instead of failing
 * later inside the executor.
 */
public final class EnvironmentNames {

  private EnvironmentNames() {}

  /**
   * @throws IllegalArgumentException naming the first bad entry and {@code what} it is
   */
  public static void check(Map<String, String> entries, String what) {
    for (Map.Entry<String, String> e : entries.entrySet()) {
      String name = e.getKey();
      if (name == null || name.isEmpty() || name.indexOf('=') >= 0 || name.indexOf('\0') >= 0) {
        throw new IllegalArgumentException("invalid " + what + " name '" + name + "'");
      }
      if (e.getValue() == null) {
        throw new IllegalArgumentException(what + " '" + name + "' has no value");
      }
      if (e.getValue().indexOf('\0') >= 0) {
        throw new IllegalArgumentException(what + " '" + name + "' holds a NUL character");
      }
    }
  }
}
