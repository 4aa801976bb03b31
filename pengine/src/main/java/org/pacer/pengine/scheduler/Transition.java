package org.pacer.pengine.scheduler;

import java.util.List;

/** What one scheduling run produced: the action graph, the summary, and the cluster view. */
public final class Transition {
  final Cluster cluster;
  final ActionGraph graph;
  private final List<String> summary;

  Transition(Cluster cluster, ActionGraph graph, List<String> summary) {
    this.cluster = cluster;
    this.graph = graph;
    this.summary = List.copyOf(summary);
  }

  /** The Transition Summary lines, formatted as crm_simulate prints them. */
  public List<String> summary() {
    return summary;
  }

  /** Warnings found while unpacking (invalid option values and such). */
  public List<String> warnings() {
    return cluster.warnings;
  }

  /** The actions that run, one line each, in an order that respects the orderings. */
  public List<String> executionLines() {
    return new Execution(graph).lines();
  }

  /** The status section as crm_simulate prints it, before ("current") or after the run. */
  public String status(boolean revised) {
    return new StatusPrinter(cluster, revised).print();
  }
}
