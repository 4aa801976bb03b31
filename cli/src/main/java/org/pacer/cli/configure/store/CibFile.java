package org.pacer.cli.configure.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * A CIB kept in a file, as {@code CIB_file=PATH} selects for crmsh and Pacemaker's tools. Writes go
 * to a temporary file in the same directory that is then renamed over the old one, so a reader sees
 * the old CIB or the new one, never half of either.
 */
public final class CibFile implements CibStore {
  private final Path path;
  private final Clock clock;

  public CibFile(Path path, Clock clock) {
    this.path = path;
    this.clock = clock;
  }

  public Path path() {
    return path;
  }

  @Override
  public String name() {
    return path.toString();
  }

  @Override
  public Document read() throws CibStoreException {
    String xml;
    try {
      xml = Files.readString(path, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new CibStoreException("CIB file " + path + " does not exist");
    } catch (IOException e) {
      throw new CibStoreException("cannot read CIB file " + path + ": " + e.getMessage(), e);
    }
    Document d;
    try {
      d = CibXml.parse(xml);
    } catch (CibStoreException e) {
      throw new CibStoreException("CIB file " + path + " is " + e.getMessage(), e);
    }
    Element root = d.getDocumentElement();
    if (!root.getTagName().equals("cib") || CibXml.child(root, "configuration") == null) {
      throw new CibStoreException("CIB file " + path + " has no <cib><configuration>: not a CIB");
    }
    return d;
  }

  @Override
  public void replaceConfiguration(Document cib, String expectedEpoch) throws CibStoreException {
    Document current = read();
    Element root = current.getDocumentElement();
    if (expectedEpoch != null && !expectedEpoch.equals(epochOf(current))) {
      throw new CibStoreException(
          "the CIB changed since it was read (epoch "
              + expectedEpoch
              + ", now "
              + epochOf(current)
              + "); nothing written");
    }
    Element oldConf = CibXml.child(root, "configuration");
    Node newConf =
        current.importNode(CibXml.child(cib.getDocumentElement(), "configuration"), true);
    root.replaceChild(newConf, oldConf);
    Element src = cib.getDocumentElement();
    if (src.hasAttribute("validate-with")) {
      root.setAttribute("validate-with", src.getAttribute("validate-with"));
    }
    int epoch = parseInt(root.getAttribute("epoch")) + 1;
    root.setAttribute("epoch", Integer.toString(epoch));
    root.setAttribute("num_updates", "0");
    root.setAttribute(
        "cib-last-written",
        ZonedDateTime.now(clock)
            .format(DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss yyyy", Locale.ROOT)));
    write(CibXml.print(root));
  }

  @Override
  public void deleteFromStatus(String xpath) throws CibStoreException {
    Document current = read();
    Element status = CibXml.child(current.getDocumentElement(), "status");
    if (status == null) {
      return;
    }
    org.w3c.dom.NodeList found;
    try {
      found =
          (org.w3c.dom.NodeList)
              javax.xml.xpath.XPathFactory.newInstance()
                  .newXPath()
                  .evaluate(xpath, current, javax.xml.xpath.XPathConstants.NODESET);
    } catch (javax.xml.xpath.XPathExpressionException e) {
      throw new CibStoreException("bad XPath " + xpath + ": " + e.getMessage(), e);
    }
    int removed = 0;
    for (int i = 0; i < found.getLength(); i++) {
      Node n = found.item(i);
      if (isUnder(n, status) && n.getParentNode() != null) {
        n.getParentNode().removeChild(n);
        removed++;
      }
    }
    if (removed > 0) {
      Element root = current.getDocumentElement();
      root.setAttribute(
          "num_updates", Integer.toString(parseInt(root.getAttribute("num_updates")) + 1));
      write(CibXml.print(root));
    }
  }

  private static boolean isUnder(Node n, Element ancestor) {
    for (Node up = n.getParentNode(); up != null; up = up.getParentNode()) {
      if (up == ancestor) {
        return true;
      }
    }
    return false;
  }

  /** Writes the whole text atomically; used for new files (shadow copies) too. */
  public void write(String text) throws CibStoreException {
    Path dir = path.toAbsolutePath().getParent();
    Path tmp = null;
    try {
      tmp = Files.createTempFile(dir, "." + path.getFileName() + ".", ".tmp");
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      try {
        Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING);
      }
      tmp = null;
    } catch (IOException e) {
      throw new CibStoreException("cannot write CIB file " + path + ": " + e.getMessage(), e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // the temp file is the only thing left behind; the CIB itself is untouched
        }
      }
    }
  }

  /** "admin_epoch.epoch" of a CIB: what changes on every configuration write. */
  public static String epochOf(Document d) {
    Element r = d.getDocumentElement();
    return r.getAttribute("admin_epoch") + "." + r.getAttribute("epoch");
  }

  private static int parseInt(String s) {
    try {
      return Integer.parseInt(s);
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
