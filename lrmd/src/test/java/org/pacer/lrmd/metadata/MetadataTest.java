package org.pacer.lrmd.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MetadataTest {

  private static final String XML =
      """
      <?xml version="1.0"?>
      <!DOCTYPE resource-agent SYSTEM "ra-api-1.dtd">
      <resource-agent name="Thing" version="1.2">
      <version>1.1</version>
      <longdesc lang="de">Ein Ding</longdesc>
      <longdesc lang="en">
      A thing
      that does things.
      </longdesc>
      <shortdesc lang="en">Thing agent</shortdesc>
      <parameters>
      <parameter name="ip" unique="1" required="1">
      <longdesc lang="en">The address.</longdesc>
      <shortdesc lang="en">Address</shortdesc>
      <content type="string"/>
      </parameter>
      <parameter name="port" reloadable="1">
      <longdesc lang="en">
      The port
        to listen on.
      </longdesc>
      <shortdesc lang="en">Port</shortdesc>
      <content type="integer" default="80"/>
      <deprecated/>
      </parameter>
      </parameters>
      <actions>
      <action name="start" timeout="20s"/>
      <action name="monitor" depth="0" timeout="20s" interval="10s" role="Promoted"/>
      <action name="meta-data" timeout="5s"/>
      </actions>
      </resource-agent>
      """;

  @Test
  void parsesEverythingInOrderWithoutFetchingTheDtd() throws Exception {
    AgentMetadata metadata = MetadataParser.parse(XML);
    assertEquals("Thing", metadata.name());
    assertEquals("1.1", metadata.ocfVersion());
    assertEquals("Thing agent", metadata.shortDescription());
    assertTrue(metadata.longDescription().contains("that does things."));
    ParameterSpec ip = metadata.parameter("ip").orElseThrow();
    assertTrue(ip.required() && ip.unique());
    ParameterSpec port = metadata.parameter("port").orElseThrow();
    assertEquals("integer", port.type());
    assertEquals("80", port.defaultValue());
    assertTrue(port.reloadable() && port.deprecated());
    ActionSpec monitor = metadata.action("monitor").orElseThrow();
    assertEquals(
        List.of("depth", "timeout", "interval", "role"),
        List.copyOf(monitor.attributes().keySet()));
    assertEquals("20s", monitor.timeout().orElseThrow());
  }

  @Test
  void junkIsRejectedWithWhatWasWrong() {
    assertTrue(
        assertThrows(MetadataException.class, () -> MetadataParser.parse("this is not XML"))
            .getMessage()
            .contains("something other than XML: 'this is not XML'"));
    assertTrue(
        assertThrows(MetadataException.class, () -> MetadataParser.parse(""))
            .getMessage()
            .contains("no meta-data"));
    assertTrue(
        assertThrows(MetadataException.class, () -> MetadataParser.parse("<html><body/></html>"))
            .getMessage()
            .contains("<html>, not <resource-agent>"));
    assertTrue(
        assertThrows(MetadataException.class, () -> MetadataParser.parse("<resource-agent><x>"))
            .getMessage()
            .contains("not well-formed"));
  }

  @Test
  void formatsLikeCrmRaInfo() throws Exception {
    String text = MetadataFormatter.info("ocf:test:Thing", MetadataParser.parse(XML));
    String expected =
        """
        Thing agent (ocf:test:Thing)

        A thing
        that does things.

        Parameters (*: required, []: default):

        ip* (string): Address
            The address.

        port (integer, [80]): Port
            The port
              to listen on.

        Operations' defaults (advisory minimum):

            start         timeout=20s
            monitor       depth=0 timeout=20s interval=10s role=Promoted
        """;
    assertEquals(expected, text);
  }

  @Test
  void initScriptHeaderBecomesMetadata() throws Exception {
    String script =
        """
        #!/bin/sh
        ### BEGIN INIT INFO
        # Provides:          svc
        # Short-Description: A service
        # Description:       Runs the service,
        #                    in two lines.
        ### END INIT INFO
        exit 0
        """;
    AgentMetadata metadata = LsbHeader.metadata("svc", script);
    assertEquals("A service", metadata.shortDescription());
    assertEquals("Runs the service,\nin two lines.", metadata.longDescription());
    assertEquals(
        "15", metadata.action("monitor").orElseThrow().attribute("interval").orElseThrow());
    AgentMetadata roundTrip = MetadataParser.parse(MetadataXml.write(metadata));
    assertEquals(metadata, roundTrip);
    assertFalse(LsbHeader.fields("#!/bin/sh\nexit 0\n").containsKey("Provides"));
  }
}
