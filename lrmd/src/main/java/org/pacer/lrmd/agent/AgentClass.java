package org.pacer.lrmd.agent;

import java.util.Arrays;
import java.util.Optional;

/** The standards an agent can follow, named as in the CIB's {@code class} attribute. */
public enum AgentClass {
  OCF("ocf"),
  LSB("lsb"),
  SYSTEMD("systemd"),
  SERVICE("service"),
  STONITH("stonith");

  private final String cibName;

  AgentClass(String cibName) {
    this.cibName = cibName;
  }

  public String cibName() {
    return cibName;
  }

  /** Whether agents of this class are named with a provider ({@code ocf:heartbeat:Dummy}). */
  public boolean hasProvider() {
    return this == OCF;
  }

  public static Optional<AgentClass> fromCibName(String name) {
    return Arrays.stream(values()).filter(c -> c.cibName.equals(name)).findFirst();
  }

  @Override
  public String toString() {
    return cibName;
  }
}
