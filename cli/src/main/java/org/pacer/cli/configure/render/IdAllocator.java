package org.pacer.cli.configure.render;

import java.util.HashSet;
import java.util.Set;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Hands out ids the way crmsh does: the base ({@code parent-kind-name}) if free, else the base
 * followed by {@code -0}, {@code -1}, ... — unique across the whole CIB.
 */
public final class IdAllocator {
  private final Set<String> used = new HashSet<>();

  public IdAllocator(Document doc, Set<String> reserved) {
    used.addAll(reserved);
    NodeList all = doc.getElementsByTagName("*");
    for (int i = 0; i < all.getLength(); i++) {
      Element e = (Element) all.item(i);
      if (e.hasAttribute("id")) {
        used.add(e.getAttribute("id"));
      }
    }
  }

  public boolean isUsed(String id) {
    return used.contains(id);
  }

  /** Marks an id given by the user as taken. */
  public void claim(String id) {
    used.add(id);
  }

  public void release(String id) {
    used.remove(id);
  }

  /** A fresh id derived from {@code base}. */
  public String make(String base) {
    String b = sanitize(base);
    String id = b;
    for (int i = 0; used.contains(id); i++) {
      id = b + "-" + i;
    }
    used.add(id);
    return id;
  }

  /** XML ids may not hold blanks or most punctuation; crmsh-style ids keep only [-_.a-zA-Z0-9]. */
  static String sanitize(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      b.append(Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.' ? c : '_');
    }
    if (b.length() == 0 || Character.isDigit(b.charAt(0)) || b.charAt(0) == '-') {
      b.insert(0, '_');
    }
    return b.toString();
  }
}
