package org.pacer.cib.ops;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.pacer.cib.acl.AclEnforcer;
import org.pacer.cib.diff.CibDiff;
import org.pacer.cib.diff.XmlDiff;
import org.pacer.cib.document.CibDocument;
import org.pacer.cib.document.CibError;
import org.pacer.cib.document.CibException;
import org.pacer.cib.document.CibPaths;
import org.pacer.cib.document.CibSection;
import org.pacer.cib.document.CibVersion;
import org.pacer.cib.document.SourceLine;
import org.pacer.cib.document.XPaths;
import org.pacer.cib.document.XmlParser;
import org.pacer.cib.schema.CibValidator;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Applies a {@link CibWrite} to a CIB version and returns the next one. This is a pure function of
 * (CIB, write, context): the same inputs give the same bytes on every node, which is what lets
 * replication apply writes independently everywhere. Every failure throws before anything is
 * published, so the CIB a caller holds is never changed.
 *
 * <p>Version rules, as Pacemaker applies them: a change under {@code configuration} increments
 * {@code epoch} and resets {@code num_updates}; any other change increments {@code num_updates};
 * {@code admin_epoch} moves only when a write sets it; no write moves the version backwards.
 */
public final class CibUpdater {

  /** Pacemaker's {@code cib-last-written} format (C's ctime). */
  private static final DateTimeFormatter CTIME =
      DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss yyyy", Locale.ROOT).withZone(ZoneOffset.UTC);

  private final CibValidator validator;
  private final AclEnforcer acl;

  /** Whether diffs come from comparing whole documents rather than from the edits' marks. */
  private final boolean compareEverything;

  public CibUpdater(CibValidator validator, AclEnforcer acl) {
    this(validator, acl, false);
  }

  private CibUpdater(CibValidator validator, AclEnforcer acl, boolean compareEverything) {
    this.validator = validator;
    this.acl = acl;
    this.compareEverything = compareEverything;
  }

  public static CibUpdater standard() {
    return new CibUpdater(CibValidator.standard(), new AclEnforcer());
  }

  /**
   * The reference the marked diffs are checked against: it finds each write's changes by comparing
   * the whole documents, ignoring what the edit marked. Slower; the results must be identical.
   */
  public static CibUpdater comparingEverything() {
    return new CibUpdater(CibValidator.standard(), new AclEnforcer(), true);
  }

  public CibValidator validator() {
    return validator;
  }

  public WriteOutcome apply(CibDocument current, CibWrite write, WriteContext ctx) {
    if (write.xml() != null) {
      int size = write.xml().getBytes(StandardCharsets.UTF_8).length;
      if (size > ctx.maxWriteBytes()) {
        throw new CibException(
            CibError.TOO_LARGE,
            write.verb()
                + " refused: its XML is "
                + size
                + " bytes, more than the limit of "
                + ctx.maxWriteBytes());
      }
    }
    if (ctx.basedOn() != null && !ctx.basedOn().equals(current.version())) {
      throw new CibException(
          CibError.OLD_VERSION,
          write.verb()
              + " refused: it was based on CIB "
              + ctx.basedOn()
              + " but the CIB is now at "
              + current.version());
    }
    Document doc = current.mutableCopy();
    CibVersion explicit = edit(doc, current, write);
    if (explicit != null) {
      acl.checkVersionWrite(current, ctx.user(), ctx.groups(), write.verb());
    }
    Element root = doc.getDocumentElement();
    List<CibDiff.Change> changes =
        compareEverything
            ? XmlDiff.changes(current.root(), root)
            : XmlDiff.changesOfMarked(current.root(), root);
    CibVersion next = explicit != null ? explicit : nextVersion(current, root, changes);
    if (next == null) {
      return new WriteOutcome(
          current, new CibDiff(current.version(), current.version(), current.digest(), List.of()));
    }
    boolean configuration = explicit != null || touchesConfiguration(changes);
    stamp(root, next, configuration, ctx);
    CibDocument result = CibDocument.adopt(doc);
    validator.require(result, "the result of this " + write.verb() + " (the CIB is unchanged)");
    changes = withRootAttributes(changes, current.root(), root);
    CibDiff diff = new CibDiff(current.version(), next, result.digest(), changes);
    acl.checkWrite(current, result, diff, ctx.user(), ctx.groups());
    return new WriteOutcome(result, diff);
  }

  /** Performs the edit on the copy; returns a version the write sets outright, or null. */
  private CibVersion edit(Document doc, CibDocument current, CibWrite write) {
    if (write instanceof CibWrite.Create c) {
      create(doc, c);
    } else if (write instanceof CibWrite.Modify m) {
      modify(doc, m);
    } else if (write instanceof CibWrite.Replace r) {
      return replace(doc, current, r);
    } else if (write instanceof CibWrite.Delete d) {
      delete(doc, d);
    } else if (write instanceof CibWrite.Erase e) {
      return erase(doc, current, e);
    } else if (write instanceof CibWrite.Bump) {
      return current.version().nextEpoch();
    }
    return null;
  }

  private static Element input(Document doc, String xml) {
    if (xml == null || xml.isBlank()) {
      throw new CibException(
          CibError.USAGE, "this request needs XML (--xml-text, --xml-file or --xml-pipe)");
    }
    Element parsed = XmlParser.parse(xml, "the request XML").getDocumentElement();
    SourceLine.keepOnImport(doc);
    return (Element) doc.importNode(parsed, true);
  }

  private static void create(Document doc, CibWrite.Create c) {
    Element in = input(doc, c.xml());
    if (in.getTagName().equals("cib")) {
      throw new CibException(CibError.USAGE, "create cannot add a whole <cib>; use replace");
    }
    CibSection scope = c.scope() != null ? c.scope() : CibEdits.homeOf(in);
    List<Element> adds = new ArrayList<>();
    if (in.getTagName().equals(scope.tag())) {
      for (Node k = in.getFirstChild(); k != null; k = k.getNextSibling()) {
        if (k instanceof Element e) {
          adds.add(e);
        }
      }
    } else {
      adds.add(in);
    }
    Element section = CibEdits.ensureSection(doc, scope);
    for (Element e : adds) {
      Element existing = CibEdits.matchingChild(section, e);
      if (existing != null
          && (e.hasAttribute("id") || CibSection.byTag(e.getTagName()).isPresent())) {
        throw new CibException(
            CibError.EXISTS, CibPaths.describeWithLine(e) + " already exists in " + scope.tag());
      }
      section.appendChild(e);
      XmlDiff.markTouched(section);
    }
  }

  private static void modify(Document doc, CibWrite.Modify m) {
    Element in = input(doc, m.xml());
    Element target = target(doc, m.scope(), m.xpath());
    Element match = CibEdits.findMatch(target, in);
    if (match == null) {
      if (!m.allowCreate()) {
        throw new CibException(
            CibError.NO_SUCH_OBJECT,
            "modify: no " + CibPaths.describe(in) + " in " + CibPaths.pathOf(target));
      }
      target.appendChild(in);
      XmlDiff.markTouched(target);
      return;
    }
    CibEdits.merge(match, in);
    XmlDiff.markTouched(match);
  }

  private static CibVersion replace(Document doc, CibDocument current, CibWrite.Replace r) {
    Element in = input(doc, r.xml());
    Element root = doc.getDocumentElement();
    if (in.getTagName().equals("cib")) {
      CibVersion given = CibDocument.adopt(standalone(in)).version();
      if (current.version().isNewerThan(given)) {
        throw new CibException(
            CibError.OLD_VERSION,
            "replace refused: the new CIB is version "
                + given
                + ", older than the current "
                + current.version());
      }
      if (CibPaths.child(in, "status") == null) {
        Element status = CibPaths.child(root, "status");
        if (status != null) {
          in.appendChild(status.cloneNode(true));
        }
      }
      doc.replaceChild(in, root);
      XmlDiff.markTouched(in);
      return given.isNewerThan(current.version()) ? given : null;
    }
    Element target = target(doc, r.scope(), r.xpath());
    Element match = CibEdits.findMatch(target, in);
    if (match == null) {
      throw new CibException(
          CibError.NO_SUCH_OBJECT,
          "replace: no " + CibPaths.describe(in) + " in " + CibPaths.pathOf(target));
    }
    if (match == root) {
      throw new CibException(CibError.USAGE, "replace: only a <cib> can replace the whole CIB");
    }
    XmlDiff.markTouched((Element) match.getParentNode());
    match.getParentNode().replaceChild(in, match);
    return null;
  }

  private static void delete(Document doc, CibWrite.Delete d) {
    Element root = doc.getDocumentElement();
    Element victim;
    if (d.xpath() != null) {
      List<Element> found = XPaths.select(root, d.xpath());
      victim = found.isEmpty() ? null : found.get(0);
    } else {
      Element in = input(doc, d.xml());
      Element target = target(doc, d.scope(), null);
      victim = CibEdits.findMatch(target, in);
      if (victim != null && !CibEdits.attributesMatch(victim, in)) {
        victim = null;
      }
    }
    if (victim == null) {
      return;
    }
    if (victim == root) {
      throw new CibException(
          CibError.USAGE, "delete: the <cib> element itself cannot be deleted; use erase");
    }
    XmlDiff.markTouched((Element) victim.getParentNode());
    victim.getParentNode().removeChild(victim);
  }

  private static CibVersion erase(Document doc, CibDocument current, CibWrite.Erase e) {
    if (!e.force()) {
      throw new CibException(
          CibError.UNSAFE,
          "erase removes the whole configuration and status; repeat with --force to proceed");
    }
    Element root = doc.getDocumentElement();
    XmlDiff.markTouched(root);
    while (root.getFirstChild() != null) {
      root.removeChild(root.getFirstChild());
    }
    for (CibSection s :
        List.of(
            CibSection.CRM_CONFIG,
            CibSection.NODES,
            CibSection.RESOURCES,
            CibSection.CONSTRAINTS)) {
      CibEdits.ensureSection(doc, s);
    }
    CibEdits.ensureSection(doc, CibSection.STATUS);
    CibVersion v = current.version();
    // Like Pacemaker: a raised admin_epoch makes the erased CIB win over any old copy.
    return new CibVersion(v.adminEpoch() + 1, v.epoch() + 1, 0);
  }

  private static Document standalone(Element e) {
    Document d = XmlParser.newDocument();
    d.appendChild(d.importNode(e, true));
    return d;
  }

  /** The element a modify, replace or delete works inside: XPath match, section, or root. */
  private static Element target(Document doc, CibSection scope, String xpath) {
    Element root = doc.getDocumentElement();
    if (xpath != null) {
      List<Element> found = XPaths.select(root, xpath);
      if (found.isEmpty()) {
        throw new CibException(CibError.NO_SUCH_OBJECT, "nothing matches XPath '" + xpath + "'");
      }
      return found.get(0);
    }
    if (scope != null) {
      Element section = CibPaths.find(root, scope.path());
      if (section == null) {
        throw new CibException(
            CibError.NO_SUCH_OBJECT, "the CIB has no " + scope.tag() + " section");
      }
      return section;
    }
    return root;
  }

  private static CibVersion nextVersion(
      CibDocument current, Element root, List<CibDiff.Change> changes) {
    CibVersion written = CibDocument.adopt(standaloneShallow(root)).version();
    int order = written.compareTo(current.version());
    if (order < 0) {
      throw new CibException(
          CibError.OLD_VERSION,
          "write refused: it would move the CIB version back from "
              + current.version()
              + " to "
              + written);
    }
    if (order > 0) {
      return written;
    }
    if (touchesConfiguration(changes)) {
      return current.version().nextEpoch();
    }
    return changes.isEmpty() ? null : current.version().nextUpdate();
  }

  private static Document standaloneShallow(Element root) {
    Document d = XmlParser.newDocument();
    d.appendChild(d.importNode(root, false));
    return d;
  }

  private static boolean touchesConfiguration(List<CibDiff.Change> changes) {
    return changes.stream().anyMatch(c -> c.path().startsWith("/cib/configuration"));
  }

  private static void stamp(Element root, CibVersion v, boolean configuration, WriteContext ctx) {
    root.setAttribute(CibDocument.ADMIN_EPOCH, Long.toString(v.adminEpoch()));
    root.setAttribute(CibDocument.EPOCH, Long.toString(v.epoch()));
    root.setAttribute(CibDocument.NUM_UPDATES, Long.toString(v.numUpdates()));
    if (configuration) {
      root.setAttribute(CibDocument.LAST_WRITTEN, CTIME.format(ctx.time()));
    }
    root.setAttribute(CibDocument.UPDATE_ORIGIN, ctx.origin());
    root.setAttribute(CibDocument.UPDATE_CLIENT, ctx.client());
    root.setAttribute(CibDocument.UPDATE_USER, ctx.user());
  }

  /** Replaces the root's attribute change (if any) by the one the stamping produced. */
  private static List<CibDiff.Change> withRootAttributes(
      List<CibDiff.Change> changes, Element before, Element after) {
    List<CibDiff.Change> out = new ArrayList<>(changes.size() + 1);
    Map<String, String> set = new TreeMap<>();
    List<String> removed = new ArrayList<>();
    var a = after.getAttributes();
    for (int i = 0; i < a.getLength(); i++) {
      String name = a.item(i).getNodeName();
      String value = a.item(i).getNodeValue();
      if (!value.equals(before.getAttribute(name)) || !before.hasAttribute(name)) {
        set.put(name, value);
      }
    }
    var b = before.getAttributes();
    for (int i = 0; i < b.getLength(); i++) {
      if (!after.hasAttribute(b.item(i).getNodeName())) {
        removed.add(b.item(i).getNodeName());
      }
    }
    if (!set.isEmpty() || !removed.isEmpty()) {
      out.add(new CibDiff.Modified("/cib", set, removed));
    }
    for (CibDiff.Change c : changes) {
      if (!(c instanceof CibDiff.Modified m && m.path().equals("/cib"))) {
        out.add(c);
      }
    }
    return out;
  }
}
