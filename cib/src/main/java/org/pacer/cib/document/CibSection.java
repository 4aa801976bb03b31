package org.pacer.cib.document;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The scopes a request can name ({@code cibadmin -o}), each with its place in the document. The
 * order of the configuration sections is the order Pacemaker writes them in.
 */
public enum CibSection {
  CONFIGURATION("configuration", "/cib/configuration"),
  CRM_CONFIG("crm_config", "/cib/configuration/crm_config"),
  NODES("nodes", "/cib/configuration/nodes"),
  RESOURCES("resources", "/cib/configuration/resources"),
  CONSTRAINTS("constraints", "/cib/configuration/constraints"),
  RSC_DEFAULTS("rsc_defaults", "/cib/configuration/rsc_defaults"),
  OP_DEFAULTS("op_defaults", "/cib/configuration/op_defaults"),
  FENCING_TOPOLOGY("fencing-topology", "/cib/configuration/fencing-topology"),
  TAGS("tags", "/cib/configuration/tags"),
  ACLS("acls", "/cib/configuration/acls"),
  ALERTS("alerts", "/cib/configuration/alerts"),
  STATUS("status", "/cib/status");

  private final String tag;
  private final String path;

  CibSection(String tag, String path) {
    this.tag = tag;
    this.path = path;
  }

  /** The element name, which is also the scope name cibadmin takes. */
  public String tag() {
    return tag;
  }

  /** The absolute path of the section's element. */
  public String path() {
    return path;
  }

  /** True for the sections directly under {@code configuration}. */
  public boolean isConfigurationChild() {
    return this != CONFIGURATION && this != STATUS;
  }

  public static Optional<CibSection> byTag(String tag) {
    return Arrays.stream(values()).filter(s -> s.tag.equals(tag)).findFirst();
  }

  /** The configuration sections in the order Pacemaker places them. */
  public static List<CibSection> configurationChildren() {
    return Arrays.stream(values()).filter(CibSection::isConfigurationChild).toList();
  }

  /** Every scope name, for error messages. */
  public static String names() {
    return String.join(", ", Arrays.stream(values()).map(CibSection::tag).toList());
  }
}
