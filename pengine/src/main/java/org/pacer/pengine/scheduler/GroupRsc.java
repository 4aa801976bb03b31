package org.pacer.pengine.scheduler;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** A group: members start in order on one node and stop in reverse order. */
final class GroupRsc extends Rsc {
  final List<Primitive> members = new ArrayList<>();
  boolean ordered = true;
  boolean colocated = true;

  GroupRsc(String id) {
    super(id);
  }

  @Override
  List<Primitive> primitives() {
    return members;
  }

  @Override
  List<Rsc> children() {
    return new ArrayList<>(members);
  }

  @Override
  boolean isActive() {
    return members.stream().anyMatch(Primitive::isActive);
  }

  @Override
  Role currentRole() {
    Role r = Role.STOPPED;
    for (Primitive p : members) {
      Role x = p.currentRole();
      if (x.ordinal() > r.ordinal()) {
        r = x;
      }
    }
    return r;
  }

  @Override
  List<ClusterNode> runningOn() {
    Set<ClusterNode> s = new LinkedHashSet<>();
    for (Primitive p : members) {
      s.addAll(p.active.keySet());
    }
    return new ArrayList<>(s);
  }
}
