package org.pacer.pengine.scheduler;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.pacer.pengine.model.ResourceDef;

/** A clone or promotable clone, with one child resource per instance. */
final class CloneRsc extends Rsc {
  final ResourceDef childDef;
  final List<Rsc> instances = new ArrayList<>();
  int cloneMax;
  int cloneNodeMax = 1;
  int cloneMin;
  int promotedMax = 1;
  int promotedNodeMax = 1;
  boolean globallyUnique;
  boolean interleave;
  boolean ordered;
  boolean notify;
  boolean promotable;

  /** The bundle this clone is part of (its containers, or its inner primitive's instances). */
  ResourceDef.Bundle bundle;

  CloneRsc(String id, ResourceDef childDef) {
    super(id);
    this.childDef = childDef;
  }

  @Override
  List<Primitive> primitives() {
    List<Primitive> out = new ArrayList<>();
    for (Rsc r : instances) {
      out.addAll(r.primitives());
    }
    return out;
  }

  @Override
  List<Rsc> children() {
    return instances;
  }

  @Override
  boolean isActive() {
    return instances.stream().anyMatch(Rsc::isActive);
  }

  @Override
  Role currentRole() {
    Role r = Role.STOPPED;
    for (Rsc i : instances) {
      Role x = i.currentRole();
      if (x.ordinal() > r.ordinal()) {
        r = x;
      }
    }
    return r;
  }

  @Override
  List<ClusterNode> runningOn() {
    Set<ClusterNode> s = new LinkedHashSet<>();
    for (Rsc i : instances) {
      s.addAll(i.runningOn());
    }
    return new ArrayList<>(s);
  }

  String childId() {
    return childDef.id();
  }
}
