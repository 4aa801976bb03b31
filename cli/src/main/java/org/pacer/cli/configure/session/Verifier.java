package org.pacer.cli.configure.session;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The checks a configuration must pass before it is written: every id unique, every reference
 * naming something that exists. Pacemaker's schema would reject either.
 */
public final class Verifier {
  private Verifier() {}

  public static List<String> check(Cib cib) {
    List<String> problems = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    Set<String> nodeIds = new HashSet<>();
    Set<String> resources = new HashSet<>();
    Set<String> all = new HashSet<>();
    NodeList els = cib.configuration().getElementsByTagName("*");
    for (int i = 0; i < els.getLength(); i++) {
      Element e = (Element) els.item(i);
      if (e.hasAttribute("id") && !Cib.isReference(e)) {
        String id = e.getAttribute("id");
        boolean node = e.getTagName().equals("node");
        if (!(node ? nodeIds.add(id) : ids.add(id))) {
          problems.add("id " + id + " is used twice (" + e.getTagName() + ")");
        }
        all.add(id);
        if (Cib.RESOURCE_TAGS.contains(e.getTagName())) {
          resources.add(id);
        }
      }
    }
    for (int i = 0; i < els.getLength(); i++) {
      Element e = (Element) els.item(i);
      String tag = e.getTagName();
      if (Cib.CONSTRAINT_TAGS.contains(tag)) {
        for (String a : new String[] {"rsc", "with-rsc", "first", "then"}) {
          if (e.hasAttribute(a)
              && !resources.contains(e.getAttribute(a))
              && !isTag(cib, e.getAttribute(a))) {
            problems.add(
                tag
                    + " "
                    + e.getAttribute("id")
                    + " refers to missing resource "
                    + e.getAttribute(a));
          }
        }
      } else if (tag.equals("resource_ref")) {
        String id = e.getAttribute("id");
        if (!resources.contains(id) && !isTag(cib, id)) {
          Element c = (Element) e.getParentNode().getParentNode();
          problems.add(
              c.getTagName() + " " + c.getAttribute("id") + " refers to missing resource " + id);
        }
      } else if (tag.equals("obj_ref")) {
        if (!all.contains(e.getAttribute("id"))) {
          problems.add(
              "tag "
                  + ((Element) e.getParentNode()).getAttribute("id")
                  + " refers to missing object "
                  + e.getAttribute("id"));
        }
      } else if (e.hasAttribute("id-ref") && !all.contains(e.getAttribute("id-ref"))) {
        problems.add(tag + " refers to missing id " + e.getAttribute("id-ref"));
      } else if (tag.equals("role") && Cib.isReference(e) && !all.contains(e.getAttribute("id"))) {
        problems.add(
            ((Element) e.getParentNode()).getAttribute("id")
                + " refers to missing role "
                + e.getAttribute("id"));
      } else if (tag.equals("primitive")
          && e.hasAttribute("template")
          && !all.contains(e.getAttribute("template"))) {
        problems.add(
            "primitive "
                + e.getAttribute("id")
                + " refers to missing template "
                + e.getAttribute("template"));
      }
    }
    return problems;
  }

  private static boolean isTag(Cib cib, String id) {
    Element e = cib.byId(id);
    return e != null && e.getTagName().equals("tag");
  }
}
