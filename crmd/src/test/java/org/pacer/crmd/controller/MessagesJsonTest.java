package org.pacer.crmd.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pacer.crmd.graph.ResourceRef;
import org.pacer.crmd.history.OpRecord;
import org.pacer.crmd.history.ResourceHistory;
import org.pacer.crmd.message.CrmdMessage;
import org.pacer.messaging.envelope.Json;

/** Group messages travel as JSON; every kind must come back as it went. */
class MessagesJsonTest {

  @Test
  void everyMessageRoundTrips() throws Exception {
    ResourceRef web = ResourceRef.ocf("web", "heartbeat", "apache");
    OpRecord op =
        new OpRecord(
            "web_last_0",
            "web_start_0",
            "start",
            0,
            4,
            0,
            0,
            "3:1:0:n1",
            1700000000,
            12,
            0,
            "",
            "d");
    ResourceHistory h = new ResourceHistory(web, List.of(op));
    List<CrmdMessage> all =
        List.of(
            new CrmdMessage.Vote(3, "n1", 1, true, 1234),
            new CrmdMessage.ElectionCutoff(3, "n2"),
            new CrmdMessage.JoinRequest(
                3, "n1", "1", List.of(h), Map.of("n2", new CrmdMessage.PeerSeen(3, 1))),
            new CrmdMessage.JoinConfirm(3, "n1", Map.of()),
            new CrmdMessage.ExecuteAction(
                3, "n1", "n2", web, "start", 0, 20000, Map.of("port", "80"), "3:1:0:1"),
            new CrmdMessage.ActionResult("n2", web, op, h),
            new CrmdMessage.ActionResult("n2", web, op, null),
            new CrmdMessage.AttrUpdate("n1", "ping", "100", 5000L, "status-1", true),
            new CrmdMessage.AttrSync(
                3, "n1", Map.of("ping", new CrmdMessage.AttrState("1", 0, null, false))),
            new CrmdMessage.Shutdown(3, "n1", "n2"),
            new CrmdMessage.Cleanup("n2", "web"),
            new CrmdMessage.NodeDown(3, "n3"));
    var mapper = Json.mapper();
    for (CrmdMessage m : all) {
      String json = mapper.writeValueAsString(m);
      assertEquals(m, mapper.readValue(json, CrmdMessage.class), json);
    }
  }
}
