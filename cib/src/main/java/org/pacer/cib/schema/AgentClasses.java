package org.pacer.cib.schema;

import org.w3c.dom.Element;

/** Resource agent standards a primitive may name, and how class, provider and type go together. */
final class AgentClasses {
  static final String[] ALL = {
    "ocf", "lsb", "heartbeat", "stonith", "upstart", "service", "systemd", "nagios"
  };

  private AgentClasses() {}

  static void checkAgent(Element e, Problems p) {
    boolean fromTemplate = e.hasAttribute("template");
    if (fromTemplate) {
      if (e.hasAttribute("class") || e.hasAttribute("type") || e.hasAttribute("provider")) {
        p.error(e, "a primitive using 'template' takes its class, provider and type from it");
      }
      return;
    }
    if (!e.hasAttribute("class")) {
      p.error(e, "attribute 'class' is required (or 'template')");
      return;
    }
    if (!e.hasAttribute("type")) {
      p.error(e, "attribute 'type' is required");
    }
    boolean ocf = e.getAttribute("class").equals("ocf");
    if (ocf && !e.hasAttribute("provider")) {
      p.error(e, "attribute 'provider' is required when class=\"ocf\"");
    } else if (!ocf && e.hasAttribute("provider")) {
      p.error(e, "attribute 'provider' is only allowed when class=\"ocf\"");
    }
  }
}
