package org.pacer.crmd.it;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** What the integration tests read from a status section the DC wrote. */
final class StatusReading {

  private StatusReading() {}

  private static Document parse(String status) {
    try {
      return DocumentBuilderFactory.newInstance()
          .newDocumentBuilder()
          .parse(new ByteArrayInputStream(status.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new IllegalArgumentException("not a status section: " + e.getMessage(), e);
    }
  }

  private static Element nodeState(Node n) {
    while (!(n instanceof Element e && e.getTagName().equals("node_state"))) {
      n = n.getParentNode();
    }
    return (Element) n;
  }

  /** The first online node whose {@code RSC_last_0} is a successful start, or null. */
  static String startedOn(String status, String rsc) {
    List<String> on = startedOnAll(status, rsc);
    return on.isEmpty() ? null : on.get(0);
  }

  /** Every online node whose {@code RSC_last_0} is a successful start (or a monitor finding it). */
  static List<String> startedOnAll(String status, String rsc) {
    List<String> out = new ArrayList<>();
    NodeList ops = parse(status).getElementsByTagName("lrm_rsc_op");
    for (int i = 0; i < ops.getLength(); i++) {
      Element op = (Element) ops.item(i);
      // an anonymous clone's instance may be recorded as RSC or RSC:N
      if (op.getAttribute("id").matches(java.util.regex.Pattern.quote(rsc) + "(:[0-9]+)?_last_0")
          && (op.getAttribute("operation").equals("start")
              || op.getAttribute("operation").equals("monitor"))
          && op.getAttribute("rc-code").equals("0")) {
        Element state = nodeState(op);
        if (state.getAttribute("in_ccm").equals("true")) {
          out.add(state.getAttribute("uname"));
        }
      }
    }
    return out;
  }

  /** Node name → value of the transient attribute {@code name}, for the nodes that have it. */
  static Map<String, String> attribute(String status, String name) {
    Map<String, String> out = new LinkedHashMap<>();
    NodeList pairs = parse(status).getElementsByTagName("nvpair");
    for (int i = 0; i < pairs.getLength(); i++) {
      Element nv = (Element) pairs.item(i);
      if (nv.getAttribute("name").equals(name)) {
        out.put(nodeState(nv).getAttribute("uname"), nv.getAttribute("value"));
      }
    }
    return out;
  }
}
