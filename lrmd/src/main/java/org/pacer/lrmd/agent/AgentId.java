package org.pacer.lrmd.agent;

import java.util.Objects;

/**
 * Which agent: {@code ocf:heartbeat:Dummy}, {@code lsb:foo}, {@code systemd:foo}, {@code
 * service:foo}, {@code stonith:fence_dummy}.
 *
 * @param agentClass the standard it follows
 * @param provider the OCF provider, null for every other class
 * @param type the agent's name (for systemd, the unit name with or without its suffix)
 */
public record AgentId(AgentClass agentClass, String provider, String type) {

  public AgentId {
    Objects.requireNonNull(agentClass, "agentClass");
    Objects.requireNonNull(type, "type");
    if (type.isEmpty() || type.contains("\0")) {
      throw new IllegalArgumentException("invalid agent type '" + type + "'");
    }
    if (agentClass.hasProvider()) {
      if (provider == null || provider.isEmpty()) {
        throw new IllegalArgumentException(agentClass + " agent " + type + " needs a provider");
      }
      checkPathSafe(provider, "provider");
      checkPathSafe(type, "type");
    } else if (provider != null) {
      throw new IllegalArgumentException(agentClass + " agents have no provider: " + provider);
    }
    if (agentClass == AgentClass.LSB || agentClass == AgentClass.SERVICE) {
      checkPathSafe(type, "type");
    }
  }

  private static void checkPathSafe(String part, String what) {
    // The name becomes a path under OCF_ROOT or /etc/init.d: refuse anything that leaves it.
    if (part.contains("/") || part.equals(".") || part.equals("..")) {
      throw new IllegalArgumentException("invalid agent " + what + " '" + part + "'");
    }
  }

  public static AgentId ocf(String provider, String type) {
    return new AgentId(AgentClass.OCF, provider, type);
  }

  public static AgentId of(AgentClass agentClass, String type) {
    return new AgentId(agentClass, null, type);
  }

  /**
   * Parses {@code class:provider:type} or {@code class:type}. A stonith type may itself hold a
   * slash ({@code stonith:external/ssh}); an ocf type may not.
   */
  public static AgentId parse(String text) {
    int first = text.indexOf(':');
    if (first < 0) {
      throw new IllegalArgumentException(
          "'" + text + "' is not an agent name (expected class:provider:type or class:type)");
    }
    String className = text.substring(0, first);
    AgentClass agentClass =
        AgentClass.fromCibName(className)
            .orElseThrow(
                () -> new IllegalArgumentException("unknown agent class '" + className + "'"));
    String rest = text.substring(first + 1);
    if (agentClass.hasProvider()) {
      int second = rest.indexOf(':');
      if (second < 0) {
        throw new IllegalArgumentException(
            "'" + text + "' names no provider (expected ocf:provider:type)");
      }
      return new AgentId(agentClass, rest.substring(0, second), rest.substring(second + 1));
    }
    return new AgentId(agentClass, null, rest);
  }

  @Override
  public String toString() {
    return provider == null ? agentClass + ":" + type : agentClass + ":" + provider + ":" + type;
  }
}
