package org.pacer.pengine.simulate;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An operation result named on the command line as crm_simulate takes it: {@code
 * RESOURCE_TASK_INTERVAL@NODE=RC}, for example {@code rsc1_monitor_0@node1=7}.
 */
public record OpSpec(String resource, String task, long intervalMs, String node, int rc) {
  private static final Pattern SPEC = Pattern.compile("(.+)_([a-z_]+?)_(\\d+)@([^=]+)=(-?\\d+)");

  /**
   * Parses a spec.
   *
   * @throws IllegalArgumentException naming the spec when it has the wrong form
   */
  public static OpSpec parse(String s) {
    Matcher m = SPEC.matcher(s.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "invalid operation spec '" + s + "': expected RESOURCE_TASK_INTERVAL@NODE=RC");
    }
    return new OpSpec(
        m.group(1),
        m.group(2),
        Long.parseLong(m.group(3)),
        m.group(4),
        Integer.parseInt(m.group(5)));
  }

  boolean matches(String rsc, String t, long interval, String n) {
    return resource.equals(rsc) && task.equals(t) && intervalMs == interval && node.equals(n);
  }
}
