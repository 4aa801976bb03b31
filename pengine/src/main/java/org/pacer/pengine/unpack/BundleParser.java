package org.pacer.pengine.unpack;

import static org.pacer.pengine.unpack.Xml.attr;
import static org.pacer.pengine.unpack.Xml.child;
import static org.pacer.pengine.unpack.Xml.children;

import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.pacer.pengine.model.NvSet;
import org.pacer.pengine.model.ResourceDef;
import org.pacer.pengine.model.Score;
import org.w3c.dom.Element;

/**
 * Reads a {@code <bundle>}: its container runtime element ({@code docker}, {@code podman} or {@code
 * rkt}) with replicas, replicas-per-host and promoted-max, the {@code network} element's
 * ip-range-start, host-interface, host-netmask and control-port, and the optional inner primitive.
 * Problems are added to the parser's list by bundle id.
 */
final class BundleParser {
  private static final Pattern IPV4 =
      Pattern.compile("(25[0-5]|2[0-4]\\d|1?\\d?\\d)(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}");

  private final List<String> problems;
  private final Function<Element, ResourceDef.Primitive> primitives;
  private final Function<Element, List<NvSet>> metaSets;

  BundleParser(
      List<String> problems,
      Function<Element, ResourceDef.Primitive> primitives,
      Function<Element, List<NvSet>> metaSets) {
    this.problems = problems;
    this.primitives = primitives;
    this.metaSets = metaSets;
  }

  ResourceDef.Bundle parse(Element b) {
    String id = b.getAttribute("id");
    Element runtime = null;
    for (String kind : List.of("docker", "podman", "rkt")) {
      Element e = child(b, kind);
      if (e != null) {
        runtime = e;
        break;
      }
    }
    if (runtime == null) {
      problems.add("bundle " + id + " has no docker, podman or rkt element");
      return null;
    }
    int replicas = count(id, runtime, "replicas", -1);
    int promotedMax = count(id, runtime, "promoted-max", count(id, runtime, "masters", 0));
    if (replicas < 0) {
      // Pacemaker's default: one replica, or as many as may be promoted.
      replicas = Math.max(1, promotedMax);
    }
    int perHost = count(id, runtime, "replicas-per-host", 1);
    if (perHost < 1) {
      problems.add("bundle " + id + ": replicas-per-host must be at least 1");
    }
    Element net = child(b, "network");
    String ipStart = net == null ? null : attr(net, "ip-range-start");
    if (ipStart != null && !IPV4.matcher(ipStart).matches()) {
      problems.add("bundle " + id + ": ip-range-start '" + ipStart + "' is not an IPv4 address");
      ipStart = null;
    }
    ResourceDef.Primitive inner = null;
    List<Element> prims = children(b, "primitive");
    if (prims.size() > 1) {
      problems.add("bundle " + id + " has more than one primitive inside");
    }
    if (!prims.isEmpty()) {
      inner = primitives.apply(prims.get(0));
    }
    return new ResourceDef.Bundle(
        id,
        metaSets.apply(b),
        runtime.getTagName(),
        attr(runtime, "image"),
        replicas,
        Math.max(1, perHost),
        promotedMax,
        ipStart,
        net == null ? null : attr(net, "host-interface"),
        net == null ? null : attr(net, "host-netmask"),
        net == null ? null : attr(net, "control-port"),
        inner);
  }

  private int count(String id, Element e, String name, int def) {
    String v = attr(e, name);
    if (v == null) {
      return def;
    }
    try {
      int n = Score.parse(v);
      if (n < 0) {
        throw new IllegalArgumentException("negative");
      }
      return n;
    } catch (IllegalArgumentException ex) {
      problems.add("bundle " + id + ": " + name + " '" + v + "' is not a non-negative number");
      return def;
    }
  }
}
