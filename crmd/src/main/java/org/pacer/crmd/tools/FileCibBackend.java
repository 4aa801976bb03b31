package org.pacer.crmd.tools;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.pacer.crmd.cib.StatusXml;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The helper commands' CIB operations on a file ({@code CIB_file}), as Pacemaker's tools offer for
 * offline work and tests: every change is written back at once (atomically), bumping {@code epoch}
 * for configuration and {@code num_updates} for status, as the CIB does. Membership and the
 * attribute store need a running cluster: those calls fail with "not connected".
 */
public final class FileCibBackend implements ToolBackend {

  private final Path file;
  private final Document doc;

  public FileCibBackend(Path file) throws ToolException {
    this.file = file;
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      doc = f.newDocumentBuilder().parse(file.toFile());
    } catch (Exception e) {
      throw new ToolException(
          ExitCodes.NOT_CONNECTED, "Could not read the CIB from " + file + ": " + e.getMessage());
    }
    if (!doc.getDocumentElement().getTagName().equals("cib")) {
      throw new ToolException(ExitCodes.DATAERR, file + " is not a CIB (its root is not <cib>)");
    }
  }

  @Override
  public String localNodeName() throws ToolException {
    String name = System.getenv("PACER_NODE");
    if (name != null && !name.isEmpty()) {
      return name;
    }
    try {
      return java.net.InetAddress.getLocalHost().getHostName().split("\\.")[0];
    } catch (IOException e) {
      throw new ToolException(ExitCodes.ERROR, "cannot tell this node's name: " + e.getMessage());
    }
  }

  @Override
  public String localNodeId() throws ToolException {
    return nodeIdOf(localNodeName());
  }

  @Override
  public String nodeIdOf(String name) throws ToolException {
    for (Element n : all(child(section("configuration"), "nodes"), "node")) {
      if (name.equals(n.getAttribute("uname"))) {
        return n.getAttribute("id");
      }
    }
    throw new ToolException(
        ExitCodes.NOSUCH, "crm_attribute: Could not map name=" + name + " to a UUID");
  }

  @Override
  public Optional<Nvpair> get(Scope scope, String nodeId, String set, String name) {
    Element e = find(scope, nodeId, set, name, false);
    return e == null
        ? Optional.empty()
        : Optional.of(new Nvpair(e.getAttribute("id"), name, e.getAttribute("value")));
  }

  @Override
  public void set(Scope scope, String nodeId, String set, String name, String value)
      throws ToolException {
    if (scope == Scope.STATUS && !hasNodeState(nodeId)) {
      // Transient attributes live in a node's state, which only the cluster creates.
      throw new ToolException(
          ExitCodes.NOSUCH,
          "Error setting "
              + name
              + "="
              + value
              + " (section=status, set="
              + (set != null ? set : "status-" + nodeId)
              + "): No such device or address\n"
              + "crm_attribute: Error performing operation: No such device or address");
    }
    Element e = find(scope, nodeId, set, name, true);
    e.setAttribute("value", value);
    save(scope);
  }

  private boolean hasNodeState(String nodeId) {
    for (Element n : all(section("status"), "node_state")) {
      if (nodeId.equals(n.getAttribute("id"))) {
        return true;
      }
    }
    return false;
  }

  @Override
  public Optional<Nvpair> delete(Scope scope, String nodeId, String set, String name)
      throws ToolException {
    Element e = find(scope, nodeId, set, name, false);
    if (e == null) {
      return Optional.empty();
    }
    Nvpair gone = new Nvpair(e.getAttribute("id"), name, e.getAttribute("value"));
    e.getParentNode().removeChild(e);
    save(scope);
    return Optional.of(gone);
  }

  /** The nvpair, created (with its set and parents, ids as Pacemaker makes them) when asked. */
  private Element find(Scope scope, String nodeId, String set, String name, boolean create) {
    Element holder;
    String defaultSet;
    String setElement;
    switch (scope) {
      case CRM_CONFIG -> {
        holder = child(section("configuration"), "crm_config");
        defaultSet = "cib-bootstrap-options";
        setElement = "cluster_property_set";
      }
      case NODES -> {
        Element node = null;
        for (Element n : all(child(section("configuration"), "nodes"), "node")) {
          if (nodeId.equals(n.getAttribute("id"))) {
            node = n;
          }
        }
        holder = node;
        defaultSet = "nodes-" + nodeId;
        setElement = "instance_attributes";
      }
      default -> {
        Element state = null;
        Element status = section("status");
        for (Element n : all(status, "node_state")) {
          if (nodeId.equals(n.getAttribute("id"))) {
            state = n;
          }
        }
        holder =
            state == null ? null : childOrCreate(state, "transient_attributes", nodeId, create);
        defaultSet = "status-" + nodeId;
        setElement = "instance_attributes";
      }
    }
    if (holder == null) {
      return null;
    }
    Element setEl = null;
    for (Element s : all(holder, setElement)) {
      if (set == null ? setEl == null : set.equals(s.getAttribute("id"))) {
        setEl = s;
      }
    }
    if (setEl != null) {
      for (Element nv : all(setEl, "nvpair")) {
        if (name.equals(nv.getAttribute("name"))) {
          return nv;
        }
      }
    }
    if (!create) {
      return null;
    }
    if (setEl == null) {
      setEl = doc.createElement(setElement);
      setEl.setAttribute("id", set != null ? set : defaultSet);
      holder.appendChild(setEl);
    }
    Element nv = doc.createElement("nvpair");
    nv.setAttribute("id", StatusXml.xmlId(setEl.getAttribute("id") + "-" + name));
    nv.setAttribute("name", name);
    setEl.appendChild(nv);
    return nv;
  }

  @Override
  public List<NodeEntry> nodes() throws ToolException {
    throw notConnected();
  }

  @Override
  public List<String> partition() throws ToolException {
    throw notConnected();
  }

  @Override
  public boolean quorate() throws ToolException {
    throw notConnected();
  }

  @Override
  public void attrdUpdate(
      String node, String name, String value, Long dampenMs, String set, boolean isPrivate)
      throws ToolException {
    throw notConnected();
  }

  @Override
  public Map<String, String> attrdQuery(String name) throws ToolException {
    throw notConnected();
  }

  @Override
  public String cibXml() throws ToolException {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new ToolException(
          ExitCodes.NOT_CONNECTED, "could not read " + file + ": " + e.getMessage());
    }
  }

  private static ToolException notConnected() {
    return new ToolException(
        ExitCodes.NOT_CONNECTED, "error: Could not connect to controller: CIB_file has no cluster");
  }

  private void save(Scope scope) throws ToolException {
    Element cib = doc.getDocumentElement();
    if (scope == Scope.STATUS) {
      cib.setAttribute("num_updates", Long.toString(longAttr(cib, "num_updates") + 1));
    } else {
      cib.setAttribute("epoch", Long.toString(longAttr(cib, "epoch") + 1));
      cib.setAttribute("num_updates", "0");
    }
    try {
      var t = TransformerFactory.newInstance().newTransformer();
      t.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
      StringWriter w = new StringWriter();
      t.transform(new DOMSource(doc), new StreamResult(w));
      Path tmp = file.resolveSibling(file.getFileName() + ".pacer-tmp");
      Files.writeString(tmp, w.toString(), StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (Exception e) {
      throw new ToolException(ExitCodes.ERROR, "could not write " + file + ": " + e.getMessage());
    }
  }

  private static long longAttr(Element e, String name) {
    try {
      return Long.parseLong(e.getAttribute(name));
    } catch (NumberFormatException ex) {
      return 0;
    }
  }

  private Element section(String name) {
    Element cib = doc.getDocumentElement();
    if (name.equals("status")) {
      return childOrCreate(cib, "status", null, true);
    }
    return childOrCreate(cib, name, null, true);
  }

  private Element child(Element parent, String name) {
    return childOrCreate(parent, name, null, true);
  }

  private Element childOrCreate(Element parent, String name, String id, boolean create) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(name)) {
        return e;
      }
    }
    if (!create) {
      return null;
    }
    Element e = doc.createElement(name);
    if (id != null) {
      e.setAttribute("id", id);
    }
    parent.appendChild(e);
    return e;
  }

  private static List<Element> all(Element parent, String name) {
    List<Element> out = new ArrayList<>();
    if (parent == null) {
      return out;
    }
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(name)) {
        out.add(e);
      }
    }
    return out;
  }
}
