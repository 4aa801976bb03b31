package org.pacer.crmd.graph;

/** The three kinds of action a transition graph holds. */
public enum ActionKind {
  /** {@code <rsc_op>}: an operation a node's executor runs on a resource. */
  RSC_OP("rsc_op"),
  /** {@code <pseudo_event>}: an ordering point with no work; complete once its inputs are. */
  PSEUDO_EVENT("pseudo_event"),
  /** {@code <crm_event>}: work the controller does itself (fencing, shutdown, fail-count clear). */
  CRM_EVENT("crm_event");

  private final String element;

  ActionKind(String element) {
    this.element = element;
  }

  public String element() {
    return element;
  }

  public static ActionKind ofElement(String name) {
    for (ActionKind k : values()) {
      if (k.element.equals(name)) {
        return k;
      }
    }
    return null;
  }
}
