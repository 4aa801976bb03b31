package org.pacer.pengine;

import java.time.LocalDateTime;
import java.util.List;
import org.pacer.pengine.model.Cib;
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
    return schedule(CibParser.parse(xml), now);
  }

  /** Schedules a CIB DOM (left unchanged). */
  public static Transition schedule(org.w3c.dom.Document doc, LocalDateTime now)
      throws CibException {
    return schedule(CibParser.parse(doc), now);
  }

  /** Unpacks a CIB DOM for its status display only (see {@link Scheduler#unpack}). */
  public static Transition unpack(org.w3c.dom.Document doc, LocalDateTime now) throws CibException {
    return Scheduler.unpack(CibParser.parse(doc), now);
  }

  /**
   * Schedules an unpacked CIB.
   *
   * @throws CibException when the CIB's execution-date is not a date
   */
  public static Transition schedule(Cib cib, LocalDateTime now) throws CibException {
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
    var req =
        new org.pacer.pengine.simulate.Simulation.Request(
            now, List.of(), List.of(), List.of(), List.of(), List.of(), true, false);
    var r = org.pacer.pengine.simulate.Simulation.run(xml, req);
    return report(r, true, true, false);
  }

  /** The crm_simulate report of a simulation: status, summary, execution, revised status. */
  public static String report(
      org.pacer.pengine.simulate.Simulation.Result r,
      boolean summary,
      boolean executed,
      boolean scores) {
    Transition t = r.transition();
    StringBuilder s = new StringBuilder();
    s.append("Current cluster status:\n").append(t.status(false)).append('\n');
    if (scores) {
      // Where crm_simulate -s puts them: after the status, before the summary.
      s.append("Allocation Scores:\n");
      for (String l : t.scores()) {
        s.append(l).append('\n');
      }
      s.append('\n');
    }
    if (summary || executed || scores) {
      s.append("Transition Summary:\n");
      for (String l : t.summary()) {
        s.append(l).append('\n');
      }
    }
    if (executed) {
      s.append("\nExecuting Cluster Transition:\n");
      for (String l : r.execution()) {
        s.append("  * ").append(l).append('\n');
      }
      s.append("\nRevised Cluster Status:\n").append(r.revised().status(false));
    }
    return s.toString();
  }
}
