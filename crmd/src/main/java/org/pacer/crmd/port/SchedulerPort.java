package org.pacer.crmd.port;

import java.time.Instant;

/** The policy engine: a CIB in, a transition graph ({@code <transition_graph>} XML) out. */
public interface SchedulerPort {

  /**
   * @throws Exception naming what in the CIB could not be scheduled
   */
  String compute(String cibXml, Instant now, int transitionId) throws Exception;
}
