package org.pacer.it.check;

/** What the checker expects of one resource (by the id its agent logs under). */
public sealed interface Expected {

  String id();

  /** A primitive (or a group member): never active on two nodes, once active when converged. */
  record Primitive(String id) implements Expected {}

  /** An anonymous clone: active on every node that is up when converged. */
  record Clone(String id) implements Expected {}

  /**
   * A promotable clone: active on every node that is up, never more than {@code promotedMax}
   * promoted, and that many (or as many as nodes are up) promoted when converged.
   */
  record Promotable(String id, int promotedMax) implements Expected {}
}
