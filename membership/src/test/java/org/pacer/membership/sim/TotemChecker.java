package org.pacer.membership.sim;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pacer.membership.totem.RingId;
import org.pacer.membership.totem.TotemEffect.ConfigChange;

/**
 * Checks the ring's promises after every event of a simulation:
 *
 * <ul>
 *   <li>no node delivers a message twice;
 *   <li>within one configuration, what nodes deliver are prefixes of one sequence (agreed order);
 *   <li>nodes that move through the same transitional configuration delivered exactly the same
 *       messages in the old regular configuration and in the transitional one (virtual synchrony);
 *   <li>every message a node submitted and never crashed after is delivered back to it (nothing
 *       lost), which with virtual synchrony covers every receiver that stayed with it.
 * </ul>
 *
 * Messages carry (origin, counter, length) and a body derived from them, so corruption shows too.
 */
final class TotemChecker {

  /** The unique id of a simulated message. */
  record MsgId(int origin, int incarnation, long counter) {}

  static byte[] payload(MsgId id, int size) {
    ByteBuffer b = ByteBuffer.allocate(Math.max(size, 20));
    b.putInt(id.origin()).putInt(id.incarnation()).putLong(id.counter()).putInt(b.capacity());
    while (b.hasRemaining()) {
      b.put((byte) (id.counter() * 31 + b.position()));
    }
    return b.array();
  }

  static MsgId decode(byte[] payload) {
    ByteBuffer b = ByteBuffer.wrap(payload);
    MsgId id = new MsgId(b.getInt(), b.getInt(), b.getLong());
    int len = b.getInt();
    if (len != payload.length) {
      throw new AssertionError("message " + id + " has " + payload.length + " bytes, sent " + len);
    }
    while (b.hasRemaining()) {
      if (b.get() != (byte) (id.counter() * 31 + b.position() - 1)) {
        throw new AssertionError("message " + id + " corrupted at byte " + (b.position() - 1));
      }
    }
    return id;
  }

  /** One incarnation of a node (a restart starts a new one). */
  private static final class View {
    final Set<MsgId> delivered = new HashSet<>();

    /** The configuration deliveries are counted in: a regular ring id, or a transitional key. */
    Object config;

    List<MsgId> inConfig = new ArrayList<>();

    /** Deliveries in the last regular configuration, kept while a transitional one runs. */
    List<MsgId> lastRegular = List.of();
  }

  private final Map<Integer, View> views = new HashMap<>();
  private final Map<Object, List<MsgId>> canonical = new HashMap<>();
  private final Map<Object, List<MsgId>> transitionOutcome = new HashMap<>();
  private final Map<MsgId, Integer> submittedBy = new HashMap<>();
  private final Set<MsgId> owedToSender = new HashSet<>();

  void started(int node) {
    views.put(node, new View());
  }

  void crashed(int node) {
    views.remove(node);
    owedToSender.removeIf(m -> m.origin() == node);
  }

  void submitted(int node, MsgId id) {
    submittedBy.put(id, node);
    owedToSender.add(id);
  }

  void delivered(int node, byte[] payload) {
    MsgId id = decode(payload);
    View v = views.get(node);
    if (!submittedBy.containsKey(id)) {
      throw new AssertionError("node " + node + " delivered " + id + " that nobody sent");
    }
    if (!v.delivered.add(id)) {
      throw new AssertionError("node " + node + " delivered " + id + " twice");
    }
    if (id.origin() == node) {
      owedToSender.remove(id);
    }
    if (v.config == null) {
      throw new AssertionError("node " + node + " delivered " + id + " before any configuration");
    }
    List<MsgId> seq = canonical.computeIfAbsent(v.config, k -> new ArrayList<>());
    int k = v.inConfig.size();
    if (k < seq.size()) {
      if (!seq.get(k).equals(id)) {
        throw new AssertionError(
            "agreed order broken in "
                + v.config
                + ": node "
                + node
                + " delivered "
                + id
                + " at position "
                + k
                + " where another node delivered "
                + seq.get(k));
      }
    } else {
      seq.add(id);
    }
    v.inConfig.add(id);
  }

  void configChange(int node, ConfigChange c) {
    View v = views.get(node);
    if (c.transitional()) {
      v.lastRegular = v.inConfig;
      v.config = List.of("T", c.ring(), c.members());
      v.inConfig = new ArrayList<>();
    } else {
      if (v.config instanceof List<?> key) {
        List<MsgId> outcome = new ArrayList<>(v.lastRegular);
        outcome.add(null);
        outcome.addAll(v.inConfig);
        List<MsgId> other = transitionOutcome.putIfAbsent(key, outcome);
        if (other != null && !other.equals(outcome)) {
          throw new AssertionError(
              "virtual synchrony broken: node "
                  + node
                  + " went through "
                  + key
                  + " having delivered "
                  + brief(outcome)
                  + " but another node delivered "
                  + brief(other));
        }
      }
      v.config = c.ring();
      v.inConfig = new ArrayList<>();
    }
  }

  private static String brief(List<MsgId> l) {
    int cut = l.indexOf(null);
    return "(regular: "
        + cut
        + " messages ending "
        + l.subList(Math.max(0, cut - 3), cut)
        + "; transitional: "
        + l.subList(cut + 1, Math.min(l.size(), cut + 6))
        + (l.size() > cut + 6 ? "..." : "")
        + ")";
  }

  /** Messages submitted by live nodes and not yet delivered back to them. */
  Set<MsgId> owed() {
    return owedToSender;
  }

  static RingId ringOf(Object config) {
    return config instanceof RingId r ? r : null;
  }
}
