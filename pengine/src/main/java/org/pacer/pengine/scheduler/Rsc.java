package org.pacer.pengine.scheduler;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.pacer.pengine.model.Score;

/**
 * A resource during one scheduling run (primitive, group or clone). Holds what the run learns about
 * it: meta attributes, current state, node scores, the node it is assigned to and its actions.
 * Created afresh for every run; nothing outlives it.
 */
abstract class Rsc {
  final String id;
  Rsc parent;
  Map<String, String> meta;
  int priority;
  boolean managed = true;
  int stickiness;
  Role targetRole = Role.UNKNOWN;
  int migrationThreshold = Score.INFINITY;
  long failureTimeoutMs;
  boolean critical = true;
  String multipleActive = "stop_start";
  boolean allowMigrate;

  /** Node scores, indexed by node; MIN_VALUE marks a node the resource may never use. */
  int[] weights;

  boolean provisional = true;

  /** With resource-discovery=exclusive: the nodes its exclusive constraints cover. */
  boolean[] exclusiveNodes;

  boolean allocating;
  boolean merging;
  ClusterNode allocated;
  Role nextRole;
  final List<Coloc> dependentOf = new ArrayList<>();
  final List<Coloc> primaryOf = new ArrayList<>();

  /** Location constraints that apply only to a role, kept for promotion scores. */
  final List<int[]> promotedLocations = new ArrayList<>();

  Rsc(String id) {
    this.id = id;
  }

  /** The primitives this resource is made of (itself for a primitive). */
  abstract List<Primitive> primitives();

  /** Resources directly inside this one. */
  abstract List<Rsc> children();

  /** Whether the resource is active anywhere now. */
  abstract boolean isActive();

  /** The role it has now (the highest among its parts). */
  abstract Role currentRole();

  /** Nodes it runs on now. */
  abstract List<ClusterNode> runningOn();

  Rsc top() {
    Rsc r = this;
    while (r.parent != null) {
      r = r.parent;
    }
    return r;
  }

  CloneRsc cloneParent() {
    for (Rsc r = parent; r != null; r = r.parent) {
      if (r instanceof CloneRsc c) {
        return c;
      }
    }
    return null;
  }

  boolean isPromotable() {
    CloneRsc c = this instanceof CloneRsc cr ? cr : cloneParent();
    return c != null && c.promotable;
  }

  /** The configured id without a clone instance suffix. */
  String baseId() {
    int colon = id.lastIndexOf(':');
    return colon < 0 ? id : id.substring(0, colon);
  }

  @Override
  public String toString() {
    return id;
  }
}
