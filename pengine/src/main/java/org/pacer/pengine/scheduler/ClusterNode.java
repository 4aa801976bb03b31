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

  /** Pending because its controller is up but has not joined yet (it cannot be probed yet). */
  boolean joining;

  boolean unclean;
  boolean pending;
  boolean standby;
  boolean standbyOnFail;
  boolean maintenance;
  boolean shutdown;
  boolean expectedUp;
  boolean seen;
  boolean remoteRequiresReset;

  /** Unclean only until its connection is placed again (a remote node with unknown state). */
  boolean fencingRevocable;

  /**
   * A remote or guest node that comes up in this transition (cleanly down, or a guest being reset)
   * because its connection, and a guest's holder, are placed: it can take resources.
   */
  boolean comingUp;

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
    return (online && !unclean || comingUp) && !standby && !maintenance && !shutdown && !pending;
  }

  boolean isRemote() {
    return kind != Kind.MEMBER;
  }

  @Override
  public String toString() {
    return uname;
  }
}
