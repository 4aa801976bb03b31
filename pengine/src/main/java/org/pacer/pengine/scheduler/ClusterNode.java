package org.pacer.pengine.scheduler;

import java.util.LinkedHashMap;
import java.util.Map;

/** A node as the scheduler sees it: membership state, attributes, capacity and load. */
public final class ClusterNode {
  /** What kind of node: a full cluster member, a remote node, or a guest inside a resource. */
  public enum Kind {
    MEMBER,
    REMOTE,
    GUEST
  }

  int index;
  final String id;
  final String uname;
  final Kind kind;
  boolean online;
  boolean unclean;
  boolean pending;
  boolean standby;
  boolean standbyOnFail;
  boolean maintenance;
  boolean shutdown;
  boolean expectedUp;
  boolean seen;
  boolean remoteRequiresReset;
  String uncleanReason;

  /** The resource a remote or guest node's connection runs as. */
  Primitive connection;

  final Map<String, String> attributes = new LinkedHashMap<>();
  final Map<String, Integer> capacity = new LinkedHashMap<>();
  final Map<String, Integer> remaining = new LinkedHashMap<>();
  int assigned;

  /** Resources active here, for "standby (with active resources)" and shutdown. */
  int activeCount;

  ClusterNode(int index, String id, String uname, Kind kind) {
    this.index = index;
    this.id = id;
    this.uname = uname;
    this.kind = kind;
  }

  public String uname() {
    return uname;
  }

  public boolean isOnline() {
    return online;
  }

  public boolean isUnclean() {
    return unclean;
  }

  /** Whether new resources may be placed here. */
  boolean canRunResources() {
    return online && !unclean && !standby && !maintenance && !shutdown && !pending;
  }

  boolean isRemote() {
    return kind != Kind.MEMBER;
  }

  /**
   * Orders node names as Pacemaker lists nodes: character by character, but runs of digits by their
   * value ("node2" before "node10"), ignoring case.
   */
  static int compareNames(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      char x = a.charAt(i);
      char y = b.charAt(j);
      if (Character.isDigit(x) && Character.isDigit(y)) {
        int si = i;
        int sj = j;
        while (i < a.length() && Character.isDigit(a.charAt(i))) {
          i++;
        }
        while (j < b.length() && Character.isDigit(b.charAt(j))) {
          j++;
        }
        long u = parse(a.substring(si, i));
        long v = parse(b.substring(sj, j));
        if (u != v) {
          return Long.compare(u, v);
        }
        continue;
      }
      int d = Character.toLowerCase(x) - Character.toLowerCase(y);
      if (d != 0) {
        return d;
      }
      i++;
      j++;
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }

  private static long parse(String digits) {
    try {
      return Long.parseLong(digits);
    } catch (NumberFormatException e) {
      return Long.MAX_VALUE;
    }
  }

  @Override
  public String toString() {
    return uname;
  }
}
