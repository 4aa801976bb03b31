package org.pacer.stonithd.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.pacer.cib.document.CibDocument;
import org.pacer.stonithd.config.CibFencingReader;
import org.pacer.stonithd.config.DeviceConfig;

class AgentInputTest {

  static DeviceConfig device(String nvpairs) {
    String cib =
        "<cib admin_epoch=\"0\" epoch=\"1\" num_updates=\"0\" validate-with=\"pacemaker-3.9\">"
            + "<configuration><crm_config/><nodes/><resources>"
            + "<primitive id=\"d\" class=\"stonith\" type=\"fence_x\"><instance_attributes id=\"ia\">"
            + nvpairs
            + "</instance_attributes></primitive></resources><constraints/></configuration></cib>";
    return CibFencingReader.read(CibDocument.parse(cib, "t")).device("d").orElseThrow();
  }

  @Test
  void targetGoesUnderTheArgumentTheMetadataOffers() {
    DeviceConfig d =
        device(
            "<nvpair id=\"a\" name=\"ip\" value=\"10.1.1.1\"/>"
                + "<nvpair id=\"b\" name=\"pcmk_host_map\" value=\"n1:7\"/>");
    AgentMetadata plug = new AgentMetadata("fence_x", Set.of("plug", "ip"), Set.of("reboot"));
    assertEquals(
        List.of("action=reboot", "nodename=n1", "plug=7", "ip=10.1.1.1"),
        AgentInput.lines(d, plug, "reboot", Optional.of("n1")));
    AgentMetadata none = new AgentMetadata("fence_x", Set.of("ip"), Set.of("reboot"));
    assertEquals(
        List.of("action=reboot", "nodename=n2", "ip=10.1.1.1"),
        AgentInput.lines(d, none, "reboot", Optional.of("n2")));
    assertEquals(
        List.of("action=list", "ip=10.1.1.1"), AgentInput.lines(d, plug, "list", Optional.empty()));
  }

  @Test
  void configuredHostArgumentWinsAndDeviceParamsCannotOverrideTheAction() {
    DeviceConfig d =
        device(
            "<nvpair id=\"a\" name=\"action\" value=\"off\"/>"
                + "<nvpair id=\"b\" name=\"pcmk_host_argument\" value=\"uuid\"/>"
                + "<nvpair id=\"c\" name=\"uuid\" value=\"ignored\"/>");
    AgentMetadata meta = new AgentMetadata("fence_x", Set.of("port", "uuid"), Set.of("reboot"));
    assertEquals(
        List.of("action=reboot", "nodename=n1", "uuid=n1"),
        AgentInput.lines(d, meta, "reboot", Optional.of("n1")));
  }

  @Test
  void lineBreaksInValuesAreRefused() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> AgentInput.encode(List.of("action=reboot", "passwd=a\naction=off")));
    assertTrue(e.getMessage().contains("'passwd'"), e.getMessage());
  }

  @Test
  void listOutputFormsAndJunk() {
    HostListOutput.Parsed p = HostListOutput.parse("node1,alias1\nnode2\n\nnode3 node4\n");
    assertEquals(Set.of("node1", "alias1", "node2", "node3", "node4"), p.names());
    assertEquals(0, p.junkLines());
    HostListOutput.Parsed junk =
        HostListOutput.parse("\u0001\u0002 %%%% garbage (((\nError: oops\n");
    assertTrue(junk.names().isEmpty(), junk.names().toString());
    assertEquals(2, junk.junkLines());
  }

  @Test
  void metadataParsing() {
    AgentMetadata m =
        AgentMetadata.parse(
            "fence_x",
            "noise before\n<?xml version=\"1.0\"?><resource-agent name=\"fence_x\"><parameters>"
                + "<parameter name=\"port\"/></parameters><actions><action name=\"reboot\"/>"
                + "<action name=\"list\"/></actions></resource-agent>");
    assertEquals(Set.of("port"), m.parameters());
    assertEquals(Set.of("reboot", "list"), m.actions());
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> AgentMetadata.parse("f", ""))
            .getMessage()
            .contains("is not XML (empty)"));
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> AgentMetadata.parse("f", "<a><b></a>"))
            .getMessage()
            .contains("not well-formed"));
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> AgentMetadata.parse("f", "<other/>"))
            .getMessage()
            .contains("<other> where <resource-agent> belongs"));
  }
}
