package org.pacer.crmd.graph;

import java.util.Objects;

/**
 * The resource an operation acts on, as a transition graph's {@code <primitive>} and the status
 * section's {@code <lrm_resource>} name it.
 *
 * @param id the resource id, e.g. {@code web} or the clone instance {@code ping:1}
 * @param longId the instance id when it differs from {@code id} (anonymous clones), or null
 * @param agentClass {@code ocf}, {@code lsb}, {@code systemd}, {@code service} or {@code stonith}
 * @param provider the OCF provider, or null for classes without one
 * @param type the agent name
 */
public record ResourceRef(
    String id, String longId, String agentClass, String provider, String type) {

  public ResourceRef {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(agentClass, "agentClass");
    Objects.requireNonNull(type, "type");
  }

  public static ResourceRef ocf(String id, String provider, String type) {
    return new ResourceRef(id, null, "ocf", provider, type);
  }

  /** {@code class:provider:type} or {@code class:type}, as crm_mon prints an agent. */
  public String agent() {
    return provider == null ? agentClass + ":" + type : agentClass + ":" + provider + ":" + type;
  }
}
