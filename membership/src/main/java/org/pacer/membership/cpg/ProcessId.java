package org.pacer.membership.cpg;

/**
 * A process-group member: a local client connection of one node. {@code pid} is unique on its node
 * for the life of the daemon (the daemon derives it from its start time and a counter, so a
 * restarted daemon does not reuse ids).
 */
public record ProcessId(int node, long pid) implements Comparable<ProcessId> {
  @Override
  public int compareTo(ProcessId o) {
    int c = Integer.compareUnsigned(node, o.node);
    return c != 0 ? c : Long.compare(pid, o.pid);
  }

  @Override
  public String toString() {
    return Integer.toUnsignedString(node) + ":" + pid;
  }
}
