package org.pacer.stonithd.daemon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.pacer.cib.document.CibDocument;
import org.pacer.cib.document.CibException;
import org.pacer.stonithd.config.CibFencingReader;
import org.pacer.stonithd.config.FencingConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the node's CIB file ({@code <root>/var/lib/pacer/cib/cib.xml}, which the CIB daemon
 * writes atomically) and hands every new version's fencing configuration on. This stands in for a
 * subscription to the CIB daemon's diffs until its client API is on main; a CIB that does not parse
 * is logged and the previous configuration stays.
 */
public final class CibFileSource {

  private static final Logger log = LoggerFactory.getLogger(CibFileSource.class);

  private final Path file;
  private final Consumer<FencingConfig> sink;
  private FileTime lastModified;
  private long lastSize = -1;
  private String lastProblem = "";

  public CibFileSource(Path file, Consumer<FencingConfig> sink) {
    this.file = file;
    this.sink = sink;
  }

  public Path file() {
    return file;
  }

  /** Reads now, then checks for a new version every {@code periodMs}. */
  public void start(ScheduledExecutorService timers, long periodMs) {
    poll();
    timers.scheduleWithFixedDelay(this::poll, periodMs, periodMs, TimeUnit.MILLISECONDS);
  }

  synchronized void poll() {
    try {
      if (!Files.exists(file)) {
        problem("no CIB at " + file + " yet: no fence devices");
        if (lastSize != -2) {
          lastSize = -2;
          lastModified = null;
          sink.accept(FencingConfig.EMPTY);
        }
        return;
      }
      FileTime modified = Files.getLastModifiedTime(file);
      long size = Files.size(file);
      if (Objects.equals(modified, lastModified) && size == lastSize) {
        return;
      }
      byte[] xml = Files.readAllBytes(file);
      FencingConfig config = CibFencingReader.read(CibDocument.parse(xml, file.toString()));
      lastModified = modified;
      lastSize = size;
      lastProblem = "";
      log.info(
          "fencing configuration from {}: {} devices, {} topology levels",
          file,
          config.devices().size(),
          config.topology().size());
      sink.accept(config);
    } catch (CibException | IOException e) {
      problem(
          "cannot use " + file + ": " + e.getMessage() + "; keeping the previous configuration");
    } catch (RuntimeException e) {
      problem("cannot read the fencing configuration from " + file + ": " + e);
    }
  }

  private void problem(String text) {
    if (!text.equals(lastProblem)) {
      log.warn("{}", text);
      lastProblem = text;
    }
  }
}
