package org.pacer.crmd.adapter;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.pacer.crmd.port.SchedulerPort;
import org.pacer.pengine.Simulator;
import org.pacer.pengine.graph.GraphXml;
import org.pacer.pengine.model.Cib;
import org.pacer.pengine.unpack.CibParser;

/**
 * Pacer's scheduler, in this JVM: it is a pure function, so no daemon round trip is needed. The
 * graph is completed with what Pacemaker's scheduler adds for its controller ({@link
 * GraphCompletion}).
 */
public final class PengineScheduler implements SchedulerPort {

  @Override
  public String compute(String cibXml, Instant now, int transitionId) throws Exception {
    Cib cib = CibParser.parse(cibXml);
    var graph =
        Simulator.schedule(cib, LocalDateTime.ofInstant(now, ZoneId.systemDefault())).graph();
    GraphCompletion.Additions additions = GraphCompletion.of(cib, now);
    return GraphCompletion.withRootAttributes(
        GraphXml.xml(GraphCompletion.completed(graph, additions)), additions);
  }
}
