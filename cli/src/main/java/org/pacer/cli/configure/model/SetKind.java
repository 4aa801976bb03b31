package org.pacer.cli.configure.model;

/** The kinds of attribute sets, with the XML element each becomes and the keyword that shows it. */
public enum SetKind {
  PARAMS("instance_attributes", "params"),
  META("meta_attributes", "meta"),
  UTILIZATION("utilization", "utilization"),
  /** Node and alert attributes: instance_attributes shown as {@code attributes}. */
  ATTRIBUTES("instance_attributes", "attributes"),
  OP_PARAMS("instance_attributes", "op_params"),
  OP_META("meta_attributes", "op_meta"),
  PROPERTY("cluster_property_set", "property"),
  RSC_DEFAULTS("meta_attributes", "rsc_defaults"),
  OP_DEFAULTS("meta_attributes", "op_defaults");

  private final String element;
  private final String keyword;

  SetKind(String element, String keyword) {
    this.element = element;
    this.keyword = keyword;
  }

  public String element() {
    return element;
  }

  public String keyword() {
    return keyword;
  }
}
