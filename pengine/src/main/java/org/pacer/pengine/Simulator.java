package org.pacer.pengine;

import java.time.LocalDateTime;
import org.pacer.pengine.model.Cib;
import org.pacer.pengine.model.ResourceDef;
import org.pacer.pengine.rules.CibTime;
import org.pacer.pengine.scheduler.Scheduler;
import org.pacer.pengine.scheduler.Transition;
import org.pacer.pengine.unpack.CibException;
import org.pacer.pengine.unpack.CibParser;

/** Entry points shared by crm simulate, the daemon and the conformance runner. */
public final class Simulator {
  private Simulator() {}

  /**
   * Parses and schedules a CIB.
   *
   * @throws CibException naming each problem when the CIB cannot be scheduled
   */
  public static Transition schedule(String xml, LocalDateTime now) throws CibException {
    Cib cib = CibParser.parse(xml);
    for (ResourceDef r : cib.resources()) {
      if (r instanceof ResourceDef.Bundle b) {
        throw new CibException(
            "bundle " + b.id() + ": bundles are not supported yet by this scheduler");
      }
    }
    if (cib.executionDate() != null) {
      try {
        CibTime.parse(cib.executionDate());
      } catch (IllegalArgumentException e) {
        throw new CibException("cib execution-date: " + e.getMessage());
      }
    }
    return Scheduler.schedule(cib, now);
  }

  /** What {@code crm_simulate -S -x FILE} prints for a CIB. */
  public static String simulateText(String xml, LocalDateTime now) throws CibException {
    Transition t = schedule(xml, now);
    StringBuilder s = new StringBuilder();
    s.append("Current cluster status:\n").append(t.status(false)).append('\n');
    s.append("Transition Summary:\n");
    for (String l : t.summary()) {
      s.append(l).append('\n');
    }
    s.append("\nExecuting Cluster Transition:\n");
    for (String l : t.executionLines()) {
      s.append("  * ").append(l).append('\n');
    }
    s.append("\nRevised Cluster Status:\n").append(t.status(true));
    return s.toString();
  }
}
