package org.pacer.pengine.model;

import java.util.List;
import org.pacer.pengine.rules.Rule;

/** The constraints of the configuration section. Tags are already expanded. */
public sealed interface Constraint
    permits Constraint.Location, Constraint.Colocation, Constraint.Order, Constraint.Ticket {

  String id();

  /** {@code rsc_location}: a fixed score on one node, or rules scored per node. */
  record Location(
      String id,
      List<String> resources,
      String rscPattern,
      String node,
      Integer score,
      List<Rule> rules,
      String role,
      String discovery)
      implements Constraint {}

  /** {@code rsc_colocation}: dependent {@code rsc} placed relative to primary {@code withRsc}. */
  record Colocation(
      String id,
      String rsc,
      String withRsc,
      int score,
      String rscRole,
      String withRole,
      String nodeAttribute,
      List<ResourceSet> sets)
      implements Constraint {}

  /** {@code rsc_order}: {@code first} action before {@code then} action. */
  record Order(
      String id,
      String first,
      String then,
      String firstAction,
      String thenAction,
      String kind,
      boolean symmetrical,
      boolean requireAll,
      List<ResourceSet> sets)
      implements Constraint {}

  /** {@code rsc_ticket}: resources that may run only while a ticket is granted. */
  record Ticket(
      String id, String rsc, String role, String ticket, String lossPolicy, List<ResourceSet> sets)
      implements Constraint {}
}
