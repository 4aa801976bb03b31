package org.pacer.cli.configure.render;

import java.util.HashSet;
import java.util.Set;
import java.util.function.Predicate;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Hands out ids the way crmsh does: the base ({@code parent-kind-name}) if free, else the base
 * followed by {@code -0}, {@code -1}, ... — unique across the whole CIB.
 */
public final class IdAllocator {
  /** Ids taken outside this allocator (the CIB's, looked up, not copied). */
  private final Predicate<String> taken;

  private final Set<String> added = new HashSet<>();
  private final Set<String> released = new HashSet<>();

  /** Over the ids a lookup says are taken; claims and releases stay in this allocator. */
  public IdAllocator(Predicate<String> taken) {
    this.taken = taken;
  }

  /** Over every id in the document, plus {@code reserved}. */
  public IdAllocator(Document doc, Set<String> reserved) {
    Set<String> ids = new HashSet<>(reserved);
    NodeList all = doc.getElementsByTagName("*");
    for (int i = 0; i < all.getLength(); i++) {
      Element e = (Element) all.item(i);
      if (e.hasAttribute("id")) {
        ids.add(e.getAttribute("id"));
      }
    }
    this.taken = ids::contains;
  }

  public boolean isUsed(String id) {
    return added.contains(id) || (!released.contains(id) && taken.test(id));
  }

  /** Marks an id given by the user as taken. */
  public void claim(String id) {
    added.add(id);
    released.remove(id);
  }

  public void release(String id) {
    added.remove(id);
    released.add(id);
  }

  /** A fresh id derived from {@code base}. */
  public String make(String base) {
    String b = sanitize(base);
    String id = b;
    for (int i = 0; isUsed(id); i++) {
      id = b + "-" + i;
    }
    claim(id);
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
