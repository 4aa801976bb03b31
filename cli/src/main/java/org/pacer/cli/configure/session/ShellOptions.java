package org.pacer.cli.configure.session;

import java.nio.file.Path;

/**
 * Settings of one crm session: crmsh's global options and its {@code options} level.
 *
 * <p>{@code keepGoing} is crmsh's own batch behaviour (report an error, go on with the next line);
 * Pacer's default stops at the first error so that a script never half-applies.
 */
public final class ShellOptions {
  public boolean force;
  public boolean keepGoing;
  public boolean sortElements = true;

  /** {@code options manage-children}: never, ask or always (resource start/stop on groups). */
  public String manageChildren = "ask";

  public Path workingDirectory = Path.of("").toAbsolutePath();
  public String editor;

  /** What the prompt calls the CIB in use: {@code live}, or the file's name. */
  public String cibLabel = "live";

  /** crm_verify's checks, run by verify and before a commit (none unless set). */
  public java.util.function.Function<
          org.w3c.dom.Document, org.pacer.cli.configure.verify.SchedulerCheck.Findings>
      schedulerCheck = d -> org.pacer.cli.configure.verify.SchedulerCheck.Findings.NONE;

  /**
   * The cluster behind the CIB (the controller, or the helper commands run on the file); null when
   * the shell only edits configuration (tests of the configure language).
   */
  public org.pacer.cli.configure.live.ClusterAccess cluster;

  /** {@code -w/--wait}: after each change, wait for the cluster to settle, up to this long. */
  public java.time.Duration waitTimeout;

  /** Colour in crm status (a terminal, not TERM=dumb, no NO_COLOR). */
  public boolean colour;

  /** For the scheduler's "now" (locate, --wait) and for status times. */
  public java.time.Clock clock = java.time.Clock.systemDefaultZone();

  /** Where agents and their parameters are checked before a commit. */
  public org.pacer.cli.configure.agents.AgentCatalog agents =
      org.pacer.cli.configure.agents.AgentCatalog.NONE;
}
