package org.pacer.cib.document;

import java.util.Objects;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * One version of the CIB: a Pacemaker-format {@code <cib>} document. Instances are never changed
 * after construction (operations build a new document from a {@link #mutableCopy()}), so a version
 * can be shared between threads, queried and serialised without locking, and its digest computed
 * once.
 */
public final class CibDocument {
  public static final String ADMIN_EPOCH = "admin_epoch";
  public static final String EPOCH = "epoch";
  public static final String NUM_UPDATES = "num_updates";
  public static final String VALIDATE_WITH = "validate-with";
  public static final String FEATURE_SET = "crm_feature_set";
  public static final String LAST_WRITTEN = "cib-last-written";
  public static final String UPDATE_ORIGIN = "update-origin";
  public static final String UPDATE_CLIENT = "update-client";
  public static final String UPDATE_USER = "update-user";

  /** The schema family new CIBs are written for. */
  public static final String DEFAULT_SCHEMA = "pacemaker-3.9";

  /** The feature set Pacer announces: the one Pacemaker 2.1.5 writes (newer ones it refuses). */
  public static final String DEFAULT_FEATURE_SET = "3.16.1";

  private final Document doc;
  private final CibVersion version;
  private volatile String xml;
  private volatile String digest;

  private CibDocument(Document doc) {
    this.doc = doc;
    Element root = doc.getDocumentElement();
    if (root == null || !root.getTagName().equals("cib")) {
      throw new CibException(
          CibError.SCHEMA,
          "the document element must be <cib>, not <"
              + (root == null ? "nothing" : root.getTagName())
              + ">");
    }
    this.version =
        new CibVersion(
            counter(root, ADMIN_EPOCH), counter(root, EPOCH), counter(root, NUM_UPDATES));
  }

  /**
   * Takes ownership of a DOM document: the caller must not change it afterwards. Version counters
   * that are missing count as 0 (the schema reports them).
   */
  public static CibDocument adopt(Document doc) {
    return new CibDocument(Objects.requireNonNull(doc));
  }

  /** Parses a whole CIB, naming {@code source} in errors. */
  public static CibDocument parse(String xml, String source) {
    return adopt(XmlParser.parse(xml, source));
  }

  public static CibDocument parse(byte[] xml, String source) {
    return adopt(XmlParser.parse(xml, source));
  }

  /** An empty CIB as a new cluster starts with: version 0.0.0 and every required section. */
  public static CibDocument empty() {
    Document d = XmlParser.newDocument();
    Element cib = d.createElement("cib");
    cib.setAttribute(ADMIN_EPOCH, "0");
    cib.setAttribute(EPOCH, "0");
    cib.setAttribute(NUM_UPDATES, "0");
    cib.setAttribute(VALIDATE_WITH, DEFAULT_SCHEMA);
    cib.setAttribute(FEATURE_SET, DEFAULT_FEATURE_SET);
    d.appendChild(cib);
    Element configuration = d.createElement("configuration");
    cib.appendChild(configuration);
    for (String s : new String[] {"crm_config", "nodes", "resources", "constraints"}) {
      configuration.appendChild(d.createElement(s));
    }
    cib.appendChild(d.createElement("status"));
    return adopt(d);
  }

  private static long counter(Element root, String name) {
    String v = root.getAttribute(name);
    if (v.isEmpty()) {
      return 0;
    }
    try {
      long n = Long.parseLong(v.trim());
      if (n < 0) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new CibException(
          CibError.SCHEMA,
          "<cib> attribute '" + name + "' must be a non-negative whole number, not '" + v + "'");
    }
  }

  public CibVersion version() {
    return version;
  }

  /** The {@code validate-with} value, or the empty string when absent. */
  public String validateWith() {
    return doc.getDocumentElement().getAttribute(VALIDATE_WITH);
  }

  /**
   * The root element, for reading only. Changing it would change a published version; use {@link
   * #mutableCopy()} instead.
   */
  public Element root() {
    return doc.getDocumentElement();
  }

  /** The element of a section, or null when the CIB does not have it. */
  public Element section(CibSection section) {
    return CibPaths.find(root(), section.path());
  }

  /** A deep copy that the caller owns and may change, then {@link #adopt(Document)}. */
  public Document mutableCopy() {
    Document copy = XmlParser.newDocument();
    // The names being copied were checked when first parsed; checking each again costs a
    // noticeable part of every write.
    copy.setStrictErrorChecking(false);
    Node root = copy.importNode(doc.getDocumentElement(), true);
    copy.setStrictErrorChecking(true);
    copy.appendChild(root);
    return copy;
  }

  /** The canonical serialisation ({@link CibXml}). */
  public String toXml() {
    String s = xml;
    if (s == null) {
      s = CibXml.toXml(root());
      xml = s;
    }
    return s;
  }

  /** SHA-256 of the canonical serialisation: equal digests mean identical CIBs. */
  public String digest() {
    String d = digest;
    if (d == null) {
      d = CibXml.sha256(toXml().getBytes(java.nio.charset.StandardCharsets.UTF_8));
      digest = d;
    }
    return d;
  }

  /** The size of the canonical serialisation in bytes (UTF-8). */
  public int sizeBytes() {
    return toXml().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
  }

  @Override
  public String toString() {
    return "CIB " + version + " (" + digest().substring(0, 12) + ")";
  }
}
