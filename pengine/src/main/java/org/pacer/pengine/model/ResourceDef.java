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

  /**
   * A {@code <bundle>}: {@code replicas} containers of one image run by {@code runtime} (docker,
   * podman or rkt), at most {@code replicasPerHost} per node, each optionally with its own IP
   * address (from {@code ipRangeStart} upwards) and, when {@code inner} is set, that primitive
   * running inside it as guest node {@code <id>-<n>}.
   */
  record Bundle(
      String id,
      List<NvSet> meta,
      String runtime,
      String image,
      int replicas,
      int replicasPerHost,
      int promotedMax,
      String ipRangeStart,
      String hostInterface,
      String hostNetmask,
      String controlPort,
      Primitive inner)
      implements ResourceDef {

    /** The container resource of replica {@code i}: "httpd-bundle-docker-0". */
    public String containerId(int i) {
      return id + "-" + runtime + "-" + i;
    }

    /** The guest node (and its connection resource) of replica {@code i}: "httpd-bundle-0". */
    public String guestId(int i) {
      return id + "-" + i;
    }

    /** The IP address of replica {@code i}, or null without ip-range-start. */
    public String address(int i) {
      if (ipRangeStart == null) {
        return null;
      }
      String[] q = ipRangeStart.split("\\.");
      long v = 0;
      for (String part : q) {
        v = (v << 8) | Integer.parseInt(part);
      }
      v += i;
      return ((v >> 24) & 255) + "." + ((v >> 16) & 255) + "." + ((v >> 8) & 255) + "." + (v & 255);
    }

    /** The IPaddr2 resource of replica {@code i}: "httpd-bundle-ip-192.168.20.188". */
    public String ipId(int i) {
      return id + "-ip-" + address(i);
    }

    /** The clone the inner primitive's instances form: "-master" when promotable. */
    public String innerCloneId() {
      return id + (promotedMax > 0 ? "-master" : "-clone");
    }
  }
}
