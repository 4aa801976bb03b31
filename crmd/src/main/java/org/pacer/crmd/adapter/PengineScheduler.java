package org.pacer.crmd.adapter;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.pacer.crmd.port.SchedulerPort;
import org.pacer.pengine.Simulator;
import org.pacer.pengine.graph.GraphXml;

/** Pacer's scheduler, in this JVM: it is a pure function, so no daemon round trip is needed. */
public final class PengineScheduler implements SchedulerPort {

  @Override
  public String compute(String cibXml, Instant now, int transitionId) throws Exception {
    return GraphXml.xml(
        Simulator.schedule(cibXml, LocalDateTime.ofInstant(now, ZoneId.systemDefault())).graph());
  }
}
