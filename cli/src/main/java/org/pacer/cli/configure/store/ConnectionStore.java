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
    String xml = CibXml.printCompact(CibXml.child(cib.getDocumentElement(), "configuration"));
    try {
      connection.write(new CibWrite.Replace(CibSection.CONFIGURATION, null, xml), basedOn);
    } catch (CibException e) {
      throw new CibStoreException(
          "nothing written to " + connection.describe() + ": " + e.getMessage(), e);
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
