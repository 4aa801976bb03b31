package org.pacer.pengine.model;

import java.util.List;

/** A resource in the configuration section: primitive, group, clone or bundle. */
public sealed interface ResourceDef
    permits ResourceDef.Primitive, ResourceDef.Group, ResourceDef.Clone, ResourceDef.Bundle {

  String id();

  List<NvSet> meta();

  /** A {@code <primitive>}, with its template (if any) already merged in. */
  record Primitive(
      String id,
      String cls,
      String provider,
      String type,
      List<NvSet> meta,
      List<NvSet> instance,
      List<NvSet> utilization,
      List<OpDef> ops)
      implements ResourceDef {

    /** "ocf:heartbeat:IPaddr2" as the status output prints the agent. */
    public String agent() {
      return provider == null ? cls + ":" + type : cls + ":" + provider + ":" + type;
    }
  }

  /** A {@code <group>}: members start in order and run together. */
  record Group(String id, List<NvSet> meta, List<Primitive> children) implements ResourceDef {}

  /** A {@code <clone>} (or legacy {@code <master>}, which is a promotable clone). */
  record Clone(String id, List<NvSet> meta, ResourceDef child, boolean legacyMaster)
      implements ResourceDef {}

  /** A {@code <bundle>}: recognised so it can be refused clearly; not scheduled yet. */
  record Bundle(String id, List<NvSet> meta) implements ResourceDef {}
}
