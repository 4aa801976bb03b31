package org.pacer.cli.configure.store;

import org.pacer.cib.client.CibConnection;
import org.pacer.cib.document.CibException;
import org.pacer.cib.document.CibSection;
import org.pacer.cib.document.CibVersion;
import org.pacer.cib.ops.CibQuery;
import org.pacer.cib.ops.CibWrite;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The CIB through the cib module's client: the live cluster (local socket or {@code CIB_server}) or
 * a file with the daemon's own write rules (schema validation, ACLs by {@code CIB_user}). The
 * configuration is replaced in one write, based on the version just read so that the cib daemon
 * refuses it if anything changed in between.
 */
public final class ConnectionStore implements CibStore {
  private final CibConnection connection;

  public ConnectionStore(CibConnection connection) {
    this.connection = connection;
  }

  @Override
  public Document read() throws CibStoreException {
    try {
      Document d = CibXml.parse(connection.query(CibQuery.whole()));
      Element root = d.getDocumentElement();
      if (!root.getTagName().equals("cib") || CibXml.child(root, "configuration") == null) {
        throw new CibStoreException(connection.describe() + " did not answer with a CIB");
      }
      return d;
    } catch (CibException e) {
      throw new CibStoreException(connection.describe() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void replaceConfiguration(Document cib, String expectedEpoch) throws CibStoreException {
    String xml = CibXml.printCompact(CibXml.child(cib.getDocumentElement(), "configuration"));
    // The write is based on the exact version read (num_updates included) so the daemon refuses
    // it if anything moved. On a live cluster the DC's status updates move num_updates all the
    // time: when only they moved (same admin_epoch.epoch), read again and retry, a bounded number
    // of times; a configuration change in between is refused as before.
    for (int attempt = 1; ; attempt++) {
      Document now = read();
      if (expectedEpoch != null && !expectedEpoch.equals(CibFile.epochOf(now))) {
        throw new CibStoreException(
            "the CIB changed since it was read (epoch "
                + expectedEpoch
                + ", now "
                + CibFile.epochOf(now)
                + "); nothing written");
      }
      Element root = now.getDocumentElement();
      CibVersion basedOn =
          new CibVersion(
              number(root.getAttribute("admin_epoch")),
              number(root.getAttribute("epoch")),
              number(root.getAttribute("num_updates")));
      try {
        connection.write(new CibWrite.Replace(CibSection.CONFIGURATION, null, xml), basedOn);
        return;
      } catch (CibException e) {
        boolean statusOnly =
            e.error() == org.pacer.cib.document.CibError.OLD_VERSION
                && expectedEpoch != null
                && attempt < STATUS_RETRIES
                && expectedEpoch.equals(CibFile.epochOf(read()));
        if (!statusOnly) {
          throw new CibStoreException(
              "nothing written to " + connection.describe() + ": " + e.getMessage(), e);
        }
      }
    }
  }

  /** How often a configuration write is retried while only the status section moves. */
  private static final int STATUS_RETRIES = 10;

  @Override
  public void deleteFromStatus(String xpath) throws CibStoreException {
    // The daemon deletes the first match per write: repeat until nothing matches (bounded by what
    // was there when we looked, so a writer adding entries meanwhile cannot keep us here).
    int present = count(xpath);
    for (int i = 0; i < present; i++) {
      try {
        connection.write(new CibWrite.Delete(CibSection.STATUS, xpath, null), null);
      } catch (CibException e) {
        throw new CibStoreException(
            "cannot delete " + xpath + " in " + connection.describe() + ": " + e.getMessage(), e);
      }
    }
  }

  private int count(String xpath) throws CibStoreException {
    try {
      Object n =
          javax.xml.xpath.XPathFactory.newInstance()
              .newXPath()
              .evaluate("count(" + xpath + ")", read(), javax.xml.xpath.XPathConstants.NUMBER);
      return ((Double) n).intValue();
    } catch (javax.xml.xpath.XPathExpressionException e) {
      throw new CibStoreException("bad XPath " + xpath + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String name() {
    return connection.describe();
  }

  private static long number(String s) {
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
