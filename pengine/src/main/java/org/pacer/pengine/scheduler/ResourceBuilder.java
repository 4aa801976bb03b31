package org.pacer.pengine.scheduler;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pacer.pengine.model.ClusterOption;
import org.pacer.pengine.model.NvSet;
import org.pacer.pengine.model.OpDef;
import org.pacer.pengine.model.ResourceDef;
import org.pacer.pengine.model.Score;
import org.pacer.pengine.rules.RuleContext;

/** Turns resource definitions into working resources, expanding clone instances. */
final class ResourceBuilder {
  private final Cluster cluster;

  ResourceBuilder(Cluster cluster) {
    this.cluster = cluster;
  }

  void build() {
    for (ResourceDef d : cluster.cib.resources()) {
      if (d instanceof ResourceDef.Bundle b) {
        Bundles.build(this, cluster, b);
        continue;
      }
      Rsc r = create(d, null, -1);
      cluster.resources.add(r);
      for (Primitive p : new ArrayList<>(r.primitives())) {
        if (p.guestNode != null && p.meta.get("remote-node") != null) {
          cluster.resources.add(guestConnection(p));
        }
      }
    }
    for (Primitive p : cluster.allPrimitives) {
      String container = p.meta.get("container");
      if (container != null) {
        p.container = cluster.rsc(container);
        if (p.container == null) {
          cluster.warnings.add(
              "resource " + p.id + " names container '" + container + "' which does not exist");
        }
      }
    }
  }

  Rsc create(ResourceDef d, Rsc parent, int instance) {
    String suffix = instance >= 0 ? ":" + instance : "";
    if (d instanceof ResourceDef.Primitive p) {
      Primitive r = new Primitive(p.id() + suffix, p);
      r.parent = parent;
      r.instance = instance;
      configure(r, p.meta());
      RuleContext ctx = cluster.ruleContext().withResource(p.cls(), p.provider(), p.type());
      r.params = NvSet.resolve(p.instance(), ctx);
      Map<String, String> util = NvSet.resolve(p.utilization(), ctx);
      r.utilization = util;
      r.ops = p.ops();
      r.isRemoteConnection =
          "ocf".equals(p.cls()) && "pacemaker".equals(p.provider()) && "remote".equals(p.type());
      if (r.isRemoteConnection && r.meta.get("allow-migrate") == null) {
        r.allowMigrate = true; // remote connections move by migrating unless told not to
      }
      String guest = r.meta.get("remote-node");
      if (guest != null) {
        r.guestNode = cluster.node(guest);
        if (r.guestNode != null) {
          r.guestNode.connection = r;
        }
      }
      if (r.isRemoteConnection) {
        ClusterNode n = cluster.node(p.id());
        if (n != null) {
          r.guestNode = null;
          n.connection = r;
        }
      }
      String req = r.meta.get("requires");
      if (req == null) {
        req = r.params.get("requires"); // old configurations set it as a parameter
      }
      if (req != null) {
        r.requires = req;
      } else if (r.isStonith()) {
        r.requires = "quorum";
      } else if (cluster.stonithEnabled) {
        r.requires = "fencing";
      } else {
        r.requires = "quorum";
      }
      cluster.register(r);
      return r;
    }
    if (d instanceof ResourceDef.Group g) {
      GroupRsc r = new GroupRsc(g.id() + suffix);
      r.parent = parent;
      configure(r, g.meta());
      r.ordered = !"false".equals(r.meta.get("ordered"));
      r.colocated = !"false".equals(r.meta.get("collocated"));
      cluster.register(r);
      for (ResourceDef.Primitive p : g.children()) {
        Primitive m = (Primitive) create(p, r, instance);
        r.members.add(m);
      }
      return r;
    }
    ResourceDef.Clone c = (ResourceDef.Clone) d;
    CloneRsc r = new CloneRsc(c.id(), c.child());
    r.parent = parent;
    configure(r, c.meta());
    Map<String, String> m = r.meta;
    r.promotable = c.legacyMaster() || ClusterOption.isTrue(m.get("promotable"));
    int nodes = cluster.nodeCount();
    r.cloneMax = intMeta(m, "clone-max", nodes);
    r.cloneNodeMax = intMeta(m, "clone-node-max", 1);
    r.cloneMin = intMeta(m, "clone-min", 0);
    r.promotedMax = intMeta(m, "promoted-max", intMeta(m, "master-max", 1));
    r.promotedNodeMax = intMeta(m, "promoted-node-max", intMeta(m, "master-node-max", 1));
    r.globallyUnique = ClusterOption.isTrue(m.get("globally-unique"));
    r.interleave = ClusterOption.isTrue(m.get("interleave"));
    r.ordered = ClusterOption.isTrue(m.get("ordered"));
    r.notify = ClusterOption.isTrue(m.get("notify"));
    cluster.register(r);
    for (int i = 0; i < r.cloneMax; i++) {
      addInstance(r, i);
    }
    return r;
  }

  /**
   * The connection to a guest node: an implicit ocf:pacemaker:remote resource named after the
   * guest, running inside (and restarted with) the resource that holds the guest.
   */
  Primitive guestConnection(Primitive holder) {
    String name = holder.meta.get("remote-node");
    ResourceDef.Primitive def =
        new ResourceDef.Primitive(
            name, "ocf", "pacemaker", "remote", List.of(), List.of(), List.of(), List.of());
    Primitive conn = (Primitive) create(def, null, -1);
    conn.isRemoteConnection = true;
    // It follows its holder by migrating when the holder migrates (remote-allow-migrate).
    String follow = holder.meta.get("remote-allow-migrate");
    conn.allowMigrate = follow == null || ClusterOption.isTrue(follow);
    conn.meta.put("container", holder.id);
    return conn;
  }

  Rsc addInstance(CloneRsc clone, int i) {
    Rsc inst = create(clone.childDef, clone, i);
    clone.instances.add(inst);
    return inst;
  }

  private static int intMeta(Map<String, String> m, String name, int def) {
    String v = m.get(name);
    if (v == null) {
      return def;
    }
    return Math.max(0, Score.parseOr(v, def));
  }

  /** Resolves meta attributes (own, then the parent's, then rsc_defaults) into fields. */
  void configure(Rsc r, List<NvSet> own) {
    RuleContext ctx = cluster.ruleContext();
    if (r instanceof Primitive p) {
      ctx = ctx.withResource(p.cls, p.provider, p.type);
    }
    Map<String, String> meta = new LinkedHashMap<>();
    NvSet.resolveInto(meta, own, ctx);
    normaliseLegacyNames(meta);
    if (r.parent != null) {
      for (var e : r.parent.meta.entrySet()) {
        meta.putIfAbsent(e.getKey(), e.getValue());
      }
    } else {
      Map<String, String> defaults = NvSet.resolve(cluster.cib.rscDefaults(), ctx);
      normaliseLegacyNames(defaults);
      for (var e : defaults.entrySet()) {
        meta.putIfAbsent(e.getKey(), e.getValue());
      }
    }
    r.meta = meta;
    r.priority = Score.parseOr(meta.get("priority"), 0);
    String managed = meta.get("is-managed");
    if (managed == null) {
      managed = cluster.options.get(ClusterOption.IS_MANAGED_DEFAULT);
    }
    r.managed = ClusterOption.isTrue(managed);
    if (cluster.options.bool(ClusterOption.MAINTENANCE_MODE)
        || ClusterOption.isTrue(meta.get("maintenance"))) {
      r.managed = false;
    }
    String sticky = meta.get("resource-stickiness");
    if (sticky == null || sticky.equals("default")) {
      sticky = cluster.options.raw("default-resource-stickiness");
    }
    if (sticky != null) {
      r.stickiness = Score.parseOr(sticky, 0);
    } else if (r.cloneParent() != null || r instanceof CloneRsc) {
      // Clone instances stick by 1 unless told otherwise, so they do not shuffle.
      r.stickiness = 1;
    }
    Role tr = Role.parse(meta.get("target-role"));
    r.targetRole = tr == null ? Role.UNKNOWN : tr;
    if (cluster.options.bool(ClusterOption.STOP_ALL_RESOURCES)) {
      r.targetRole = Role.STOPPED;
    }
    String mt = meta.get("migration-threshold");
    if (mt != null) {
      r.migrationThreshold = Score.parseOr(mt, Score.INFINITY);
    }
    String ft = meta.get("failure-timeout");
    if (ft != null) {
      try {
        r.failureTimeoutMs = ClusterOption.parseDurationMs(ft);
      } catch (IllegalArgumentException e) {
        cluster.warnings.add("resource " + r.id + " has invalid failure-timeout '" + ft + "'");
      }
    }
    r.critical = !"false".equals(meta.get("critical"));
    String ma = meta.get("multiple-active");
    if (ma != null) {
      r.multipleActive = ma;
    }
    r.allowMigrate = ClusterOption.isTrue(meta.get("allow-migrate"));
  }

  private static void normaliseLegacyNames(Map<String, String> meta) {
    String[][] legacy = {
      {"target_role", "target-role"},
      {"is_managed", "is-managed"},
      {"resource_stickiness", "resource-stickiness"},
      {"migration_threshold", "migration-threshold"},
      {"multiple_active", "multiple-active"},
      {"allow_migrate", "allow-migrate"},
    };
    for (String[] l : legacy) {
      String v = meta.remove(l[0]);
      if (v != null) {
        meta.putIfAbsent(l[1], v);
      }
    }
  }

  /** The operations of a primitive, with op_defaults applied. */
  static List<OpDef> opsOf(Primitive p) {
    return new ArrayList<>(p.ops);
  }
}
