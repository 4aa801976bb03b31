package org.pacer.cib.acl;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.pacer.cib.diff.CibDiff;
import org.pacer.cib.document.CibDocument;
import org.pacer.cib.document.CibError;
import org.pacer.cib.document.CibException;
import org.pacer.cib.document.CibPaths;
import org.pacer.cib.document.XPaths;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Pacemaker's ACL model over the CIB: when the cluster option {@code enable-acl} is true, a user
 * other than root or hacluster sees and changes only what the roles of their {@code acl_target}
 * (and of the {@code acl_group}s of their system groups) allow; everything else is denied. Queries
 * run on a filtered copy, so a denied element is invisible rather than refused; writes are checked
 * element by element against the diff they produce.
 */
public final class AclEnforcer {
  /** Users ACLs never restrict, as in Pacemaker. */
  public static final Set<String> SUPERUSERS = Set.of("root", "hacluster");

  /** Attributes every write stamps on {@code <cib>}; changing them needs no permission. */
  private static final Set<String> STAMPED =
      Set.of(
          CibDocument.EPOCH,
          CibDocument.NUM_UPDATES,
          CibDocument.LAST_WRITTEN,
          CibDocument.UPDATE_ORIGIN,
          CibDocument.UPDATE_CLIENT,
          CibDocument.UPDATE_USER);

  private final GroupResolver groups;

  public AclEnforcer() {
    this(GroupResolver.none());
  }

  /** Resolves the user's groups here, for carrying them with a write to other nodes. */
  public Set<String> groupsOf(String user) {
    return Set.copyOf(groups.groupsOf(user));
  }

  public AclEnforcer(GroupResolver groups) {
    this.groups = groups;
  }

  /** True when the CIB turns ACLs on ({@code enable-acl} in crm_config). */
  public static boolean enabled(CibDocument cib) {
    // A walk rather than an XPath: this runs on every write (for every notification), and
    // compiling and evaluating an XPath cost more than the rest of the notification (profiled).
    Element e = firstEnableAcl(cib.section(org.pacer.cib.document.CibSection.CRM_CONFIG));
    if (e == null) {
      return false;
    }
    String v = e.getAttribute("value").toLowerCase(Locale.ROOT);
    return v.equals("true") || v.equals("yes") || v.equals("on") || v.equals("1");
  }

  /** The first {@code nvpair name="enable-acl"} under the element, in document order. */
  private static Element firstEnableAcl(Element under) {
    if (under == null) {
      return null;
    }
    for (org.w3c.dom.Node k = under.getFirstChild(); k != null; k = k.getNextSibling()) {
      if (k instanceof Element child) {
        if (child.getTagName().equals("nvpair")
            && child.getAttribute("name").equals("enable-acl")) {
          return child;
        }
        Element deeper = firstEnableAcl(child);
        if (deeper != null) {
          return deeper;
        }
      }
    }
    return null;
  }

  /** True when ACLs restrict this user in this CIB. */
  public boolean restricts(CibDocument cib, String user) {
    return !SUPERUSERS.contains(user) && enabled(cib);
  }

  /** The permissions of the user's roles, in the order the CIB lists them. */
  public List<AclPermission> permissionsFor(CibDocument cib, String user) {
    return permissionsFor(cib, user, null);
  }

  /** As above, with the user's groups given (null: ask the {@link GroupResolver}). */
  public List<AclPermission> permissionsFor(CibDocument cib, String user, Set<String> knownGroups) {
    Element acls = cib.section(org.pacer.cib.document.CibSection.ACLS);
    if (acls == null) {
      return List.of();
    }
    Set<String> userGroups = knownGroups != null ? knownGroups : groups.groupsOf(user);
    Map<String, Element> roles = new HashMap<>();
    List<String> granted = new ArrayList<>();
    for (Node k = acls.getFirstChild(); k != null; k = k.getNextSibling()) {
      if (!(k instanceof Element e)) {
        continue;
      }
      String name = e.hasAttribute("name") ? e.getAttribute("name") : e.getAttribute("id");
      switch (e.getTagName()) {
        case "acl_role" -> roles.put(e.getAttribute("id"), e);
        case "acl_target" -> {
          if (name.equals(user)) {
            granted.addAll(roleRefs(e));
          }
        }
        case "acl_group" -> {
          if (userGroups.contains(name)) {
            granted.addAll(roleRefs(e));
          }
        }
        default -> {}
      }
    }
    List<AclPermission> out = new ArrayList<>();
    for (String r : granted) {
      Element role = roles.get(r);
      if (role == null) {
        continue;
      }
      for (Node k = role.getFirstChild(); k != null; k = k.getNextSibling()) {
        if (k instanceof Element p && p.getTagName().equals("acl_permission")) {
          out.add(AclPermission.from(p));
        }
      }
    }
    return out;
  }

  private static List<String> roleRefs(Element holder) {
    List<String> out = new ArrayList<>();
    for (Node k = holder.getFirstChild(); k != null; k = k.getNextSibling()) {
      if (k instanceof Element r && r.getTagName().equals("role")) {
        out.add(r.getAttribute("id"));
      }
    }
    return out;
  }

  /**
   * The CIB as this user may see it: unreadable elements removed, except that an unreadable element
   * above a readable one stays as bare scaffolding (its name and id only). The version attributes
   * of {@code <cib>} always stay, since clients need them to write.
   */
  public CibDocument filterRead(CibDocument cib, String user) {
    if (!restricts(cib, user)) {
      return cib;
    }
    Document copy = cib.mutableCopy();
    AclView view = new AclView(copy.getDocumentElement(), permissionsFor(cib, user, null));
    Element root = copy.getDocumentElement();
    if (!view.canRead(root)) {
      Map<String, String> keep = new HashMap<>();
      for (String a :
          List.of(CibDocument.EPOCH, CibDocument.NUM_UPDATES, CibDocument.VALIDATE_WITH)) {
        keep.put(a, root.getAttribute(a));
      }
      stripToScaffolding(root);
      keep.forEach(root::setAttribute);
    }
    prune(root, view);
    return CibDocument.adopt(copy);
  }

  /** Removes unreadable subtrees; returns true when something readable remains under {@code e}. */
  private static boolean prune(Element e, AclView view) {
    boolean readable = view.canRead(e);
    boolean keepsSomething = readable;
    Node k = e.getFirstChild();
    while (k != null) {
      Node next = k.getNextSibling();
      if (k instanceof Element c) {
        if (prune(c, view)) {
          keepsSomething = true;
        } else {
          e.removeChild(c);
        }
      } else if (!readable) {
        e.removeChild(k);
      }
      k = next;
    }
    if (!readable && keepsSomething && e.getParentNode() instanceof Element) {
      stripToScaffolding(e);
    }
    return keepsSomething;
  }

  private static void stripToScaffolding(Element e) {
    String id = e.getAttribute("id");
    while (e.getAttributes().getLength() > 0) {
      e.removeAttribute(e.getAttributes().item(0).getNodeName());
    }
    if (!id.isEmpty()) {
      e.setAttribute("id", id);
    }
  }

  /**
   * Refuses a write that changes anything the user may not write. {@code before} supplies the ACL
   * rules (a write cannot grant itself rights) and the elements a delete removes; {@code after} the
   * elements a create or modify leaves.
   */
  public void checkWrite(
      CibDocument before, CibDocument after, CibDiff diff, String user, Set<String> userGroups) {
    if (!restricts(before, user)) {
      return;
    }
    List<AclPermission> permissions = permissionsFor(before, user, userGroups);
    AclView old = new AclView(before.root(), permissions);
    AclView now = new AclView(after.root(), permissions);
    for (CibDiff.Change c : diff.changes()) {
      if (c instanceof CibDiff.Deleted d) {
        requireSubtree(old, XPaths.select(before.root(), d.path()), user, "delete");
      } else if (c instanceof CibDiff.Created cr) {
        requireCreatable(now, XPaths.select(after.root(), cr.path()), user);
      } else if (c instanceof CibDiff.Modified m) {
        if (m.path().equals("/cib")
            && STAMPED.containsAll(m.set().keySet())
            && STAMPED.containsAll(m.removed())) {
          continue;
        }
        for (Element e : XPaths.select(after.root(), m.path())) {
          if (!now.canWrite(e)) {
            throw denied(user, "modify", e, now);
          }
        }
      }
    }
  }

  /**
   * Refuses a write that sets the version outright (bump, erase, replacing the whole CIB) unless
   * the user may write {@code <cib>} itself.
   */
  public void checkVersionWrite(
      CibDocument before, String user, Set<String> userGroups, String verb) {
    if (!restricts(before, user)) {
      return;
    }
    AclView view = new AclView(before.root(), permissionsFor(before, user, userGroups));
    if (!view.canWrite(before.root())) {
      throw denied(user, verb, before.root(), view);
    }
  }

  private static void requireSubtree(
      AclView view, List<Element> elements, String user, String verb) {
    for (Element e : elements) {
      if (!view.canWrite(e)) {
        throw denied(user, verb, e, view);
      }
      for (Node k = e.getFirstChild(); k != null; k = k.getNextSibling()) {
        if (k instanceof Element c) {
          requireSubtree(view, List.of(c), user, verb);
        }
      }
    }
  }

  /**
   * A created element must be writable, except "scaffolding" (an element with no attribute but its
   * id) which Pacemaker lets a user create around something they may write.
   */
  private static void requireCreatable(AclView view, List<Element> elements, String user) {
    for (Element e : elements) {
      boolean scaffolding =
          e.getAttributes().getLength() == 0
              || (e.getAttributes().getLength() == 1 && e.hasAttribute("id"));
      if (!view.canWrite(e) && !scaffolding) {
        throw denied(user, "create", e, view);
      }
      for (Node k = e.getFirstChild(); k != null; k = k.getNextSibling()) {
        if (k instanceof Element c) {
          requireCreatable(view, List.of(c), user);
        }
      }
    }
  }

  private static CibException denied(String user, String verb, Element e, AclView view) {
    AclPermission p = view.deciding(e);
    String why = p == null ? "no ACL permission grants it" : "ACL permission " + p + " decides";
    return new CibException(
        CibError.PERMISSION_DENIED,
        "permission denied: user '"
            + user
            + "' may not "
            + verb
            + " "
            + CibPaths.describe(e)
            + " at "
            + CibPaths.pathOf(e)
            + " ("
            + why
            + "); the CIB is unchanged");
  }
}
