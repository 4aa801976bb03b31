package org.pacer.cib.acl;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * One user's access to the elements of one CIB document. An element takes the kind of the most
 * specific permission that picks it or an ancestor; at the same element deny beats write beats
 * read; with no permission at all, access is denied (Pacemaker's default once ACLs are on).
 */
final class AclView {
  private final Map<Element, AclPermission> direct = new IdentityHashMap<>();

  AclView(Element root, List<AclPermission> permissions) {
    for (AclPermission p : permissions) {
      for (Element e : p.select(root)) {
        direct.merge(e, p, (a, b) -> b.kind().compareTo(a.kind()) > 0 ? b : a);
      }
    }
  }

  /** The permission deciding access to {@code e}, or null when none does (denied). */
  AclPermission deciding(Element e) {
    for (Node n = e; n instanceof Element el; n = el.getParentNode()) {
      AclPermission p = direct.get(el);
      if (p != null) {
        return p;
      }
    }
    return null;
  }

  boolean canRead(Element e) {
    AclPermission p = deciding(e);
    return p != null && p.kind().canRead();
  }

  boolean canWrite(Element e) {
    AclPermission p = deciding(e);
    return p != null && p.kind().canWrite();
  }
}
