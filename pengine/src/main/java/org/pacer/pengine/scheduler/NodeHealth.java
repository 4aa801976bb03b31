package org.pacer.pengine.scheduler;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import org.pacer.pengine.model.ClusterOption;
import org.pacer.pengine.model.Score;

/**
 * Node health (node-health-strategy): node attributes named {@code #health*} hold red, yellow,
 * green or a score. Unless the strategy is "none", each node's health adds up to a score that every
 * resource gets on that node as if from a location constraint; a resource with
 * allow-unhealthy-nodes=true is spared the negative ones.
 */
final class NodeHealth {
  /** How a node's health reads in the status: green nodes show nothing. */
  enum Colour {
    GREEN,
    YELLOW,
    RED
  }

  private NodeHealth() {}

  static boolean tracked(Cluster c) {
    return !"none".equals(strategy(c));
  }

  private static String strategy(Cluster c) {
    String s = c.options.get(ClusterOption.NODE_HEALTH_STRATEGY);
    return s == null ? "none" : s.trim().toLowerCase(Locale.ROOT);
  }

  static void apply(Cluster c) {
    String strategy = strategy(c);
    if (strategy.equals("none")) {
      return;
    }
    int red;
    int yellow;
    int green;
    int base = 0;
    switch (strategy) {
      case "migrate-on-red" -> {
        red = Score.MINUS_INFINITY;
        yellow = 0;
        green = 0;
      }
      case "only-green" -> {
        red = Score.MINUS_INFINITY;
        yellow = Score.MINUS_INFINITY;
        green = 0;
      }
      default -> {
        // progressive and custom score the colours as the cluster options say.
        red = option(c, "node-health-red", Score.MINUS_INFINITY);
        yellow = option(c, "node-health-yellow", 0);
        green = option(c, "node-health-green", 0);
        if (strategy.equals("progressive")) {
          base = option(c, "node-health-base", 0);
        }
      }
    }
    for (ClusterNode n : c.nodes) {
      int health = base;
      for (Map.Entry<String, String> a : n.attributes.entrySet()) {
        if (!a.getKey().startsWith("#health")) {
          continue;
        }
        int s =
            switch (a.getValue().trim().toLowerCase(Locale.ROOT)) {
              case "red" -> red;
              case "yellow" -> yellow;
              case "green" -> green;
              default -> Score.parseOr(a.getValue(), 0);
            };
        health = Score.add(health, s);
      }
      if (health == 0) {
        continue;
      }
      int[] scores = new int[c.nodeCount()];
      Arrays.fill(scores, Locations.ABSENT);
      scores[n.index] = health;
      for (Rsc r : c.resources) {
        if (health < 0 && ClusterOption.isTrue(r.meta.get("allow-unhealthy-nodes"))) {
          continue;
        }
        Locations.applyTo(r, scores);
      }
    }
  }

  private static int option(Cluster c, String name, int fallback) {
    String v = c.options.raw(name);
    return v == null ? fallback : Score.parseOr(v, fallback);
  }

  /** The colour the status shows for a node: red or yellow attributes, or negative scores. */
  static Colour colour(ClusterNode n) {
    Colour worst = Colour.GREEN;
    for (Map.Entry<String, String> a : n.attributes.entrySet()) {
      if (!a.getKey().startsWith("#health")) {
        continue;
      }
      String v = a.getValue().trim().toLowerCase(Locale.ROOT);
      Colour here;
      if (v.equals("red")) {
        here = Colour.RED;
      } else if (v.equals("yellow")) {
        here = Colour.YELLOW;
      } else if (v.equals("green")) {
        here = Colour.GREEN;
      } else {
        int s = Score.parseOr(v, 0);
        here = s <= Score.MINUS_INFINITY ? Colour.RED : s < 0 ? Colour.YELLOW : Colour.GREEN;
      }
      if (here.compareTo(worst) > 0) {
        worst = here;
      }
    }
    return worst;
  }
}
