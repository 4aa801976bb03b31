package org.pacer.pengine.scheduler;

import java.util.List;

/** What one scheduling run produced: the action graph, the summary, and the cluster view. */
public final class Transition {
  final Cluster cluster;
  final ActionGraph graph;
  private final List<String> summary;
  private final String current;
  private final StatusModel model;
  private final java.util.Map<String, String> digests = new java.util.HashMap<>();

  Transition(
      Cluster cluster, ActionGraph graph, List<String> summary, String current, StatusModel model) {
    this.model = model;
    this.cluster = cluster;
    this.graph = graph;
    this.summary = List.copyOf(summary);
    this.current = current;
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

  /** The transition graph: the actions to run and what each waits for. */
  public org.pacer.pengine.graph.TransitionGraph graph() {
    return new GraphBuilder(cluster, graph).build();
  }

  /** The parameter digest a resource would record now, or null for an unknown resource. */
  public String digestOf(String rscId) {
    // Simulated execution asks once per action; the parameters do not change within a run.
    return digests.computeIfAbsent(
        rscId, id -> cluster.rsc(id) instanceof Primitive p ? Digest.of(p.params) : null);
  }

  /** Class, provider and type of a primitive, or null. */
  public String[] agentOf(String rscId) {
    Rsc r = cluster.rsc(rscId);
    return r instanceof Primitive p ? new String[] {p.cls, p.provider, p.type} : null;
  }

  /** The time the run was evaluated at. */
  public java.time.LocalDateTime now() {
    return cluster.now;
  }

  /** Allocation scores ("resource on node: score"), as crm_simulate -s shows them. */
  public List<String> scores() {
    List<String> out = new java.util.ArrayList<>();
    for (Primitive p : cluster.allPrimitives) {
      for (ClusterNode n : cluster.nodes) {
        int w = p.weights[n.index];
        out.add(
            String.format(
                "pcmk__primitive_assign: %s allocation score on %s: %s",
                p.id,
                n.uname,
                w == Locations.ABSENT ? "-INFINITY" : org.pacer.pengine.model.Score.format(w)));
      }
    }
    return out;
  }

  /**
   * The status section as crm_simulate prints it: as unpacked ("current", printed before the
   * scheduler marks nodes for fencing or moves anything) or after the run ("revised").
   */
  public String status(boolean revised) {
    return revised ? new StatusPrinter(cluster, true).print() : current;
  }

  /** The nodes and resources as unpacked, before the run: what status tools print. */
  public StatusModel model() {
    return model;
  }
}
