package org.pacer.crmd.adapter;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.pacer.crmd.archive.SchedulerInputArchive;
import org.pacer.crmd.archive.SchedulerInputArchive.Series;
import org.pacer.crmd.port.SchedulerPort;
import org.pacer.pengine.Simulator;
import org.pacer.pengine.graph.GraphXml;
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
 * Pacer's scheduler, in this JVM: it is a pure function, so no daemon round trip is needed. The
 * graph is completed with what Pacemaker's scheduler adds for its controller ({@link
 * GraphCompletion}). Every input is kept in a {@link SchedulerInputArchive} (when given one) and
 * the transition's log line names its file, for {@code crm simulate -x}.
 */
public final class PengineScheduler implements SchedulerPort {

  private static final Logger log = LoggerFactory.getLogger(PengineScheduler.class);

  private final SchedulerInputArchive archive;

  /** A scheduler that keeps no inputs (tests, tools). */
  public PengineScheduler() {
    this(null);
  }

  public PengineScheduler(SchedulerInputArchive archive) {
    this.archive = archive;
  }

  @Override
  public String compute(String cibXml, Instant now, int transitionId) throws Exception {
    LocalDateTime at = LocalDateTime.ofInstant(now, ZoneId.systemDefault());
    Cib cib;
    Transition t;
    try {
      cib = CibParser.parse(cibXml);
      t = Simulator.schedule(cib, at);
    } catch (CibException e) {
      Path saved = save(Series.ERROR, cibXml, ClusterOption.PE_ERROR_SERIES_MAX, null, at);
      log.error("transition {}: cannot schedule; input saved as {}", transitionId, describe(saved));
      throw saved == null
          ? e
          : new CibException(e.getMessage() + " (input saved as " + saved + ")");
    }
    boolean warned = !t.warnings().isEmpty();
    Path saved =
        save(
            warned ? Series.WARN : Series.INPUT,
            cibXml,
            warned ? ClusterOption.PE_WARN_SERIES_MAX : ClusterOption.PE_INPUT_SERIES_MAX,
            cib,
            at);
    log.info(
        "transition {} computed{}; input saved as {}",
        transitionId,
        warned ? " with warnings" : "",
        describe(saved));
    GraphCompletion.Additions additions = GraphCompletion.of(cib, now);
    return GraphCompletion.withRootAttributes(
        GraphXml.xml(GraphCompletion.completed(t.graph(), additions)), additions);
  }

  private static String describe(Path saved) {
    return saved == null ? "(none: not kept)" : saved + " (replay: crm simulate -x " + saved + ")";
  }

  private Path save(Series series, String xml, ClusterOption max, Cib cib, LocalDateTime at) {
    if (archive == null) {
      return null;
    }
    try {
      return archive.save(series, xml, seriesMax(cib, max, at));
    } catch (IOException | RuntimeException e) {
      log.warn("cannot keep the scheduler input in {}: {}", archive.dir(), e.getMessage());
      return null;
    }
  }

  /**
   * A series' limit from the CIB's cluster options (the default when the CIB could not be read or
   * the value is not a number, saying so): -1 is unlimited, 0 none.
   */
  static long seriesMax(Cib cib, ClusterOption option, LocalDateTime at) {
    String value = option.defaultValue();
    if (cib != null) {
      value =
          new ClusterOptions(NvSet.resolve(cib.clusterProperties(), RuleContext.at(at)))
              .get(option);
    }
    try {
      long v = Long.parseLong(value.trim());
      return v < 0 ? -1 : v;
    } catch (NumberFormatException e) {
      log.warn(
          "{}={} is not a number; using {}", option.optionName(), value, option.defaultValue());
      return Long.parseLong(option.defaultValue());
    }
  }
}
