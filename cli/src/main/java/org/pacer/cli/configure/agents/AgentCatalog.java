package org.pacer.cli.configure.agents;

import java.util.Set;

/** What the installed resource agents are and which parameters they take. */
public interface AgentCatalog {

  /** What is known about one agent. */
  sealed interface Agent {}

  /** The agent is installed; these are the parameters its meta-data lists. */
  record Installed(Set<String> parameters) implements Agent {}

  /** Agents of this class and provider are looked for here, and this one is not there. */
  record Missing(String where) implements Agent {}

  /** This catalog cannot tell (class it does not look at, no agent directory at all). */
  record Unknown() implements Agent {}

  Agent find(String agentClass, String provider, String type);

  /** A catalog that knows nothing, so nothing is checked. */
  AgentCatalog NONE = (c, p, t) -> new Unknown();
}
