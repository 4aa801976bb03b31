package org.pacer.cli.cluster;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.pacer.membership.api.StatusReply;
import org.pacer.messaging.envelope.Json;

/**
 * The JSON form of {@code crm cluster status}: {@code members} (id, name, addr), {@code quorate},
 * the ring, links and votequorum's figures. Scripts and tests parse it; keep it stable.
 */
public final class StatusJson {
  private StatusJson() {}

  public static ObjectNode of(StatusReply status) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.put("node", status.node());
    root.put("nodeId", status.nodeId());
    root.put("ringId", status.ringId());
    root.put("state", status.state());
    ArrayNode members = root.putArray("members");
    for (StatusReply.Member m : status.members()) {
      members.addObject().put("id", m.id()).put("name", m.name()).put("addr", m.addr());
    }
    ArrayNode links = root.putArray("links");
    for (StatusReply.LinkState l : status.links()) {
      links
          .addObject()
          .put("nodeId", l.nodeId())
          .put("node", l.node())
          .put("link", l.link())
          .put("addr", l.addr())
          .put("up", l.up());
    }
    root.put("quorate", status.quorum().quorate());
    root.set("quorum", Json.toTree(status.quorum()));
    return root;
  }
}
