package org.pacer.stonithd.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.pacer.cib.document.CibDocument;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Reads the fencing configuration out of a CIB. Never throws for bad content: each problem is
 * recorded, on the device it concerns (which then is not used) or on the configuration, with the id
 * of the element and what is wrong, so the daemon logs it and answers with it.
 */
public final class CibFencingReader {

  private static final String PCMK = "pcmk_";
  private static final Set<String> KNOWN_PCMK =
      Set.of(
          "pcmk_host_list",
          "pcmk_host_map",
          "pcmk_host_check",
          "pcmk_host_argument",
          "pcmk_delay_base",
          "pcmk_delay_max",
          "pcmk_action_limit");

  private CibFencingReader() {}

  public static FencingConfig read(CibDocument cib) {
    return read(cib.root());
  }

  public static FencingConfig read(Element cibRoot) {
    List<String> problems = new ArrayList<>();
    Element configuration = child(cibRoot, "configuration").orElse(null);
    if (configuration == null) {
      return FencingConfig.EMPTY;
    }
    Map<String, String> options = clusterOptions(configuration);
    Duration stonithTimeout =
        time(options, "stonith-timeout", FencingConfig.DEFAULT_STONITH_TIMEOUT, problems);
    Duration priorityDelay = time(options, "priority-fencing-delay", Duration.ZERO, problems);
    boolean concurrent = isTrue(options.getOrDefault("concurrent-fencing", "false"));

    Map<String, Set<String>> bans = bans(configuration);
    Map<String, DeviceConfig> devices = new LinkedHashMap<>();
    child(configuration, "resources")
        .ifPresent(
            resources ->
                descendants(resources, "primitive").stream()
                    .filter(p -> "stonith".equals(p.getAttribute("class")))
                    .forEach(
                        p -> {
                          DeviceConfig d = device(p, stonithTimeout, bans);
                          devices.put(d.id(), d);
                        }));

    Map<String, Map<String, String>> nodeAttributes = new HashMap<>();
    child(configuration, "nodes")
        .ifPresent(
            nodes -> {
              for (Element node : children(nodes, "node")) {
                String name =
                    node.hasAttribute("uname")
                        ? node.getAttribute("uname")
                        : node.getAttribute("id");
                nodeAttributes.put(name, nvpairs(node, "instance_attributes"));
              }
            });

    List<TopologyLevel> topology = new ArrayList<>();
    child(configuration, "fencing-topology")
        .ifPresent(
            t -> {
              for (Element level : children(t, "fencing-level")) {
                level(level, devices, problems).ifPresent(topology::add);
              }
            });
    return new FencingConfig(
        devices, topology, nodeAttributes, stonithTimeout, priorityDelay, concurrent, problems);
  }

  private static DeviceConfig device(
      Element primitive, Duration stonithTimeout, Map<String, Set<String>> bans) {
    String id = primitive.getAttribute("id");
    List<String> problems = new ArrayList<>();
    Map<String, String> all = nvpairs(primitive, "instance_attributes");
    Map<String, String> meta = nvpairs(primitive, "meta_attributes");
    Map<String, String> params = new LinkedHashMap<>();
    all.forEach(
        (k, v) -> {
          if (!k.startsWith(PCMK)) {
            params.put(k, v);
          }
        });
    String agent = primitive.getAttribute("type");
    if (agent.isBlank()) {
      problems.add("the primitive has no type (the fence agent's name)");
    } else if (agent.contains("/")) {
      problems.add("the agent name '" + agent + "' must not contain '/'");
    }

    List<String> hostList = NodeLists.parseList(all.get("pcmk_host_list"));
    Map<String, String> hostMap = Map.of();
    try {
      hostMap = NodeLists.parseMap(all.get("pcmk_host_map"));
    } catch (IllegalArgumentException e) {
      problems.add("pcmk_host_map: " + e.getMessage());
    }
    Optional<HostCheck> hostCheck = Optional.empty();
    if (all.containsKey("pcmk_host_check")) {
      hostCheck = HostCheck.parse(all.get("pcmk_host_check"));
      if (hostCheck.isEmpty()) {
        problems.add(
            "pcmk_host_check='"
                + all.get("pcmk_host_check")
                + "' is not one of static-list, dynamic-list, status, none");
      } else if (hostCheck.get() == HostCheck.STATIC_LIST
          && hostList.isEmpty()
          && hostMap.isEmpty()) {
        problems.add("pcmk_host_check=static-list needs pcmk_host_list or pcmk_host_map");
      }
    }
    Optional<String> hostArgument =
        Optional.ofNullable(all.get("pcmk_host_argument")).filter(s -> !s.isBlank());
    TargetDelays delayBase = TargetDelays.NONE;
    try {
      delayBase = TargetDelays.parse(all.get("pcmk_delay_base"));
    } catch (IllegalArgumentException e) {
      problems.add("pcmk_delay_base: " + e.getMessage());
    }
    Duration delayMax = deviceTime(all, "pcmk_delay_max", Duration.ZERO, problems);
    int actionLimit = integer(all, "pcmk_action_limit", 1, problems);
    if (actionLimit == 0 || actionLimit < -1) {
      problems.add("pcmk_action_limit must be -1 (unlimited) or at least 1, not " + actionLimit);
    }
    Map<FenceAction, ActionSettings> actions = new EnumMap<>(FenceAction.class);
    for (FenceAction action : FenceAction.values()) {
      String prefix = PCMK + action.value() + "_";
      String agentAction = all.getOrDefault(prefix + "action", action.value()).trim();
      if (agentAction.isEmpty()) {
        problems.add(prefix + "action is empty");
      }
      Duration timeout = deviceTime(all, prefix + "timeout", stonithTimeout, problems);
      int retries = integer(all, prefix + "retries", 2, problems);
      if (retries < 0) {
        problems.add(prefix + "retries must not be negative: " + retries);
      }
      actions.put(action, new ActionSettings(agentAction, timeout, Math.max(0, retries)));
    }
    for (String name : all.keySet()) {
      if (name.startsWith(PCMK) && !KNOWN_PCMK.contains(name) && !isActionParam(name)) {
        problems.add("unknown fencing parameter " + name);
      }
    }
    int priority = integer(meta, "priority", 0, problems);
    boolean enabled =
        !"stopped".equalsIgnoreCase(meta.getOrDefault("target-role", "Started").trim());
    return new DeviceConfig(
        id,
        agent,
        params,
        hostList,
        hostMap,
        hostCheck,
        hostArgument,
        delayBase,
        delayMax,
        actionLimit,
        actions,
        priority,
        bans.getOrDefault(id, Set.of()),
        enabled,
        problems);
  }

  private static boolean isActionParam(String name) {
    for (FenceAction action : FenceAction.values()) {
      String prefix = PCMK + action.value() + "_";
      if (name.equals(prefix + "action")
          || name.equals(prefix + "timeout")
          || name.equals(prefix + "retries")) {
        return true;
      }
    }
    // Pacemaker's older names for the off action.
    return name.startsWith("pcmk_poweroff_");
  }

  private static Optional<TopologyLevel> level(
      Element level, Map<String, DeviceConfig> devices, List<String> problems) {
    String id = level.getAttribute("id");
    String where = "fencing-level '" + id + "'";
    int index;
    try {
      index = Integer.parseInt(level.getAttribute("index").trim());
    } catch (NumberFormatException e) {
      problems.add(where + ": index '" + level.getAttribute("index") + "' is not a number");
      return Optional.empty();
    }
    if (index < 1 || index > 9) {
      problems.add(where + ": index " + index + " is outside 1..9");
      return Optional.empty();
    }
    TargetMatcher target;
    if (level.hasAttribute("target")) {
      target = new TargetMatcher.ByName(level.getAttribute("target"));
    } else if (level.hasAttribute("target-pattern")) {
      try {
        target = new TargetMatcher.ByPattern(Pattern.compile(level.getAttribute("target-pattern")));
      } catch (PatternSyntaxException e) {
        problems.add(where + ": target-pattern is not a regular expression: " + e.getDescription());
        return Optional.empty();
      }
    } else if (level.hasAttribute("target-attribute")) {
      target =
          new TargetMatcher.ByAttribute(
              level.getAttribute("target-attribute"), level.getAttribute("target-value"));
    } else {
      problems.add(where + ": needs target, target-pattern or target-attribute");
      return Optional.empty();
    }
    List<String> ids = NodeLists.parseList(level.getAttribute("devices"));
    if (ids.isEmpty()) {
      problems.add(where + ": names no devices");
      return Optional.empty();
    }
    for (String device : ids) {
      if (!devices.containsKey(device)) {
        // Kept: the level then fails with this reason and the next one is tried.
        problems.add(where + ": device '" + device + "' does not exist");
      }
    }
    return Optional.of(new TopologyLevel(id, index, target, ids));
  }

  /** Location constraints that forbid a device on a node (score -INFINITY, node attribute). */
  private static Map<String, Set<String>> bans(Element configuration) {
    Map<String, Set<String>> bans = new HashMap<>();
    child(configuration, "constraints")
        .ifPresent(
            constraints -> {
              for (Element c : children(constraints, "rsc_location")) {
                String score = c.getAttribute("score").trim().toLowerCase(Locale.ROOT);
                if (c.hasAttribute("rsc")
                    && c.hasAttribute("node")
                    && (score.equals("-infinity") || score.equals("-inf"))) {
                  bans.computeIfAbsent(c.getAttribute("rsc"), k -> new HashSet<>())
                      .add(c.getAttribute("node"));
                }
              }
            });
    return bans;
  }

  private static Map<String, String> clusterOptions(Element configuration) {
    Map<String, String> options = new HashMap<>();
    child(configuration, "crm_config")
        .ifPresent(
            crm -> {
              for (Element set : children(crm, "cluster_property_set")) {
                for (Element nv : children(set, "nvpair")) {
                  options.putIfAbsent(nv.getAttribute("name"), nv.getAttribute("value"));
                }
              }
            });
    return options;
  }

  /** The nvpairs of every {@code setName} child (first value of a name wins), rules ignored. */
  static Map<String, String> nvpairs(Element owner, String setName) {
    Map<String, String> values = new LinkedHashMap<>();
    for (Element set : children(owner, setName)) {
      for (Element nv : children(set, "nvpair")) {
        values.putIfAbsent(nv.getAttribute("name"), nv.getAttribute("value"));
      }
    }
    return values;
  }

  private static Duration time(
      Map<String, String> options, String name, Duration fallback, List<String> problems) {
    String value = options.get(name);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      return Durations.parse(value);
    } catch (IllegalArgumentException e) {
      problems.add(name + ": " + e.getMessage() + "; using " + Durations.format(fallback));
      return fallback;
    }
  }

  private static Duration deviceTime(
      Map<String, String> params, String name, Duration fallback, List<String> problems) {
    String value = params.get(name);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      return Durations.parse(value);
    } catch (IllegalArgumentException e) {
      problems.add(name + ": " + e.getMessage());
      return fallback;
    }
  }

  private static int integer(
      Map<String, String> params, String name, int fallback, List<String> problems) {
    String value = params.get(name);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      problems.add(name + "='" + value + "' is not an integer");
      return fallback;
    }
  }

  private static boolean isTrue(String value) {
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "true", "yes", "on", "y", "1" -> true;
      default -> false;
    };
  }

  static Optional<Element> child(Element parent, String name) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(name)) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }

  static List<Element> children(Element parent, String name) {
    List<Element> list = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(name)) {
        list.add(e);
      }
    }
    return list;
  }

  private static List<Element> descendants(Element parent, String name) {
    List<Element> list = new ArrayList<>();
    org.w3c.dom.NodeList nodes = parent.getElementsByTagName(name);
    for (int i = 0; i < nodes.getLength(); i++) {
      list.add((Element) nodes.item(i));
    }
    return list;
  }
}
