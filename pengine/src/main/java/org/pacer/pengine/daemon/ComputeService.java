package org.pacer.pengine.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.pacer.pengine.Simulator;
import org.pacer.pengine.graph.GraphXml;
import org.pacer.pengine.graph.TransitionGraph;
import org.pacer.pengine.model.Cib;
import org.pacer.pengine.model.ClusterOption;
import org.pacer.pengine.model.ClusterOptions;
import org.pacer.pengine.model.NvSet;
import org.pacer.pengine.rules.RuleContext;
import org.pacer.pengine.scheduler.Transition;
import org.pacer.pengine.unpack.CibException;
import org.pacer.pengine.unpack.CibParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the daemon does for one compute request: schedule the CIB, keep it as a numbered input, and
 * answer with the transition graph and summary; or with the problems, by id, when the CIB cannot be
 * scheduled (kept as a numbered error input).
 */
public final class ComputeService {
  private static final Logger log = LoggerFactory.getLogger(ComputeService.class);
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private final InputArchive archive;
  private final Clock clock;

  /** The outcome: a graph and summary, or the problems found. */
  public record Result(JsonNode body, boolean ok, String problems) {}

  public ComputeService(InputArchive archive, Clock clock) {
    this.archive = archive;
    this.clock = clock;
  }

  public Result compute(String xml) {
    LocalDateTime now = LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    Cib cib;
    try {
      cib = CibParser.parse(xml);
    } catch (CibException e) {
      return failure(xml, e, 4000);
    }
    ClusterOptions opts =
        new ClusterOptions(NvSet.resolve(cib.clusterProperties(), RuleContext.at(now)));
    try {
      Transition t = Simulator.schedule(cib, now);
      Path saved = save(xml, false, seriesMax(opts, ClusterOption.PE_INPUT_SERIES_MAX));
      TransitionGraph graph = t.graph();
      ObjectNode body = JSON.objectNode();
      body.put("input", saved == null ? null : saved.toString());
      body.put("actions", graph.actionCount());
      body.put("graph", GraphXml.xml(graph));
      ArrayNode summary = body.putArray("summary");
      t.summary().forEach(l -> summary.add(l.strip()));
      ArrayNode warnings = body.putArray("warnings");
      t.warnings().forEach(warnings::add);
      log.info("computed transition with {} actions from {}", graph.actionCount(), saved);
      return new Result(body, true, null);
    } catch (CibException e) {
      return failure(xml, e, seriesMax(opts, ClusterOption.PE_ERROR_SERIES_MAX));
    }
  }

  private Result failure(String xml, CibException e, long max) {
    Path saved = save(xml, true, max);
    String problems = String.join("; ", e.problems());
    log.error("cannot schedule ({}): {}", saved, problems);
    ObjectNode body = JSON.objectNode();
    body.put("input", saved == null ? null : saved.toString());
    ArrayNode list = body.putArray("problems");
    e.problems().forEach(list::add);
    return new Result(body, false, problems + (saved == null ? "" : " (saved as " + saved + ")"));
  }

  private Path save(String xml, boolean error, long max) {
    try {
      return archive.save(xml, error, max);
    } catch (IOException e) {
      // Keeping inputs is for replay; scheduling goes on without it, loudly.
      log.warn("cannot keep scheduler input in {}: {}", archive.dir(), e.getMessage());
      return null;
    }
  }

  /** How many inputs to keep, per pe-input-series-max / pe-error-series-max. */
  private static long seriesMax(ClusterOptions opts, ClusterOption option) {
    try {
      long v = Long.parseLong(opts.get(option).trim());
      if (v < 0 && option == ClusterOption.PE_ERROR_SERIES_MAX) {
        return seriesMax(opts, ClusterOption.PE_INPUT_SERIES_MAX);
      }
      return v;
    } catch (NumberFormatException e) {
      return Long.parseLong(ClusterOption.PE_INPUT_SERIES_MAX.defaultValue());
    }
  }
}
