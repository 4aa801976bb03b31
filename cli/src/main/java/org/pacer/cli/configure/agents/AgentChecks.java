package org.pacer.cli.configure.agents;

import java.util.ArrayList;
import java.util.List;
import org.pacer.cli.configure.store.CibXml;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Primitives whose agent is not installed, or that set a parameter their agent does not take. crmsh
 * reports the same and commits anyway with {@code -F}; so do we.
 */
public final class AgentChecks {
  private AgentChecks() {}

  public static List<String> check(Element configuration, AgentCatalog catalog) {
    List<String> problems = new ArrayList<>();
    NodeList prims = configuration.getElementsByTagName("primitive");
    for (int i = 0; i < prims.getLength(); i++) {
      Element p = (Element) prims.item(i);
      if (p.hasAttribute("template") || !p.hasAttribute("type")) {
        continue;
      }
      String cls = p.getAttribute("class");
      String prov = p.getAttribute("provider");
      String type = p.getAttribute("type");
      String agent = cls + (prov.isEmpty() ? "" : ":" + prov) + ":" + type;
      AgentCatalog.Agent a = catalog.find(cls, prov, type);
      if (a instanceof AgentCatalog.Missing m) {
        problems.add(p.getAttribute("id") + ": no resource agent " + agent + " in " + m.where());
      } else if (a instanceof AgentCatalog.Installed ok) {
        for (Element set : CibXml.children(p)) {
          if (!set.getTagName().equals("instance_attributes")) {
            continue;
          }
          for (Element n : CibXml.children(set)) {
            String name = n.getAttribute("name");
            if (n.getTagName().equals("nvpair")
                && !name.isEmpty()
                && !ok.parameters().contains(name)) {
              problems.add(
                  p.getAttribute("id")
                      + ": "
                      + agent
                      + " has no parameter \""
                      + name
                      + "\" (it takes "
                      + String.join(", ", ok.parameters())
                      + ")");
            }
          }
        }
      }
    }
    return problems;
  }
}
