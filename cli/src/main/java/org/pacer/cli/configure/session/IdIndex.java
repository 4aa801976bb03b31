package org.pacer.cli.configure.session;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.events.Event;
import org.w3c.dom.events.EventTarget;
import org.w3c.dom.events.MutationEvent;

/**
 * The elements of a document by id, kept up to date through the DOM's mutation events, so that
 * looking up an object or finding a free id does not walk the whole CIB each time (a script of
 * thousands of statements would otherwise take quadratic time).
 */
final class IdIndex {
  private final Document doc;
  private final Map<String, List<Element>> byId = new HashMap<>();

  private IdIndex(Document doc) {
    this.doc = doc;
    add(doc.getDocumentElement());
    EventTarget t = (EventTarget) doc;
    t.addEventListener("DOMNodeInserted", this::inserted, false);
    t.addEventListener("DOMNodeRemoved", this::removed, false);
    t.addEventListener("DOMAttrModified", this::attrModified, false);
  }

  /** An index of this document, or null when its DOM sends no mutation events. */
  static IdIndex of(Document doc) {
    return doc instanceof EventTarget ? new IdIndex(doc) : null;
  }

  boolean contains(String id) {
    return byId.containsKey(id);
  }

  List<Element> get(String id) {
    return byId.getOrDefault(id, List.of());
  }

  private boolean attached(Node n) {
    for (Node p = n; p != null; p = p.getParentNode()) {
      if (p == doc) {
        return true;
      }
    }
    return false;
  }

  private void inserted(Event e) {
    Node n = (Node) e.getTarget();
    if (n instanceof Element el && attached(el)) {
      add(el);
    }
  }

  private void removed(Event e) {
    Node n = (Node) e.getTarget();
    if (n instanceof Element el && attached(el)) {
      remove(el);
    }
  }

  private void attrModified(Event e) {
    MutationEvent m = (MutationEvent) e;
    if (!"id".equals(m.getAttrName()) || !(m.getTarget() instanceof Element el) || !attached(el)) {
      return;
    }
    if (m.getPrevValue() != null && !m.getPrevValue().isEmpty()) {
      drop(m.getPrevValue(), el);
    }
    if (m.getAttrChange() != MutationEvent.REMOVAL && m.getNewValue() != null) {
      byId.computeIfAbsent(m.getNewValue(), k -> new ArrayList<>()).add(el);
    }
  }

  private void add(Element e) {
    if (e.hasAttribute("id")) {
      byId.computeIfAbsent(e.getAttribute("id"), k -> new ArrayList<>()).add(e);
    }
    for (Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
      if (c instanceof Element ce) {
        add(ce);
      }
    }
  }

  private void remove(Element e) {
    if (e.hasAttribute("id")) {
      drop(e.getAttribute("id"), e);
    }
    for (Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
      if (c instanceof Element ce) {
        remove(ce);
      }
    }
  }

  private void drop(String id, Element e) {
    List<Element> l = byId.get(id);
    if (l != null) {
      l.remove(e);
      if (l.isEmpty()) {
        byId.remove(id);
      }
    }
  }
}
