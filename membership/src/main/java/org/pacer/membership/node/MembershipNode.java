package org.pacer.membership.node;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.pacer.membership.config.ClusterConfig;
import org.pacer.membership.config.NodeEntry;
import org.pacer.membership.cpg.CpgOutput;
import org.pacer.membership.cpg.ProcessGroups;
import org.pacer.membership.cpg.ProcessId;
import org.pacer.membership.quorum.QuorumState;
import org.pacer.membership.quorum.VoteQuorum;
import org.pacer.membership.totem.RingSeqStore;
import org.pacer.membership.totem.TimerKind;
import org.pacer.membership.totem.TotemEffect;
import org.pacer.membership.totem.TotemPacket;
import org.pacer.membership.totem.TotemProtocol;
import org.pacer.membership.totem.TotemStatus;
import org.pacer.membership.totem.TotemTimeouts;

/**
 * One node's whole membership service as a pure state machine: the totem ring, process groups and
 * votequorum on top of it. Messages of the services share the ring, told apart by a first byte: 0
 * raw (tests and benchmarks), 1 process groups, 2 quorum.
 */
public final class MembershipNode {

  static final byte RAW = 0;
  static final byte CPG = 1;
  static final byte QUORUM = 2;

  private final int self;
  private final TotemProtocol totem;
  private final ProcessGroups cpg;
  private final VoteQuorum quorum;
  private long now;
  private List<NodeEffect> out = new ArrayList<>();

  public MembershipNode(int self, ClusterConfig config, TotemTimeouts timeouts, RingSeqStore seqs) {
    this.self = self;
    List<Integer> ids = config.nodes().stream().map(NodeEntry::nodeId).toList();
    this.totem = new TotemProtocol(self, ids, Math.max(1, config.linkCount()), timeouts, seqs);
    this.cpg = new ProcessGroups(self);
    this.quorum = new VoteQuorum(self, config);
  }

  public int self() {
    return self;
  }

  public List<NodeEffect> start(long now) {
    this.now = now;
    ring(totem.start(now));
    return drain();
  }

  public List<NodeEffect> onPacket(int link, TotemPacket p, long now) {
    this.now = now;
    ring(totem.onPacket(link, p, now));
    return drain();
  }

  public List<NodeEffect> onTimer(TimerKind kind, long now) {
    this.now = now;
    ring(totem.onTimer(kind, now));
    return drain();
  }

  public List<NodeEffect> onLmsTimer(long now) {
    this.now = now;
    quorum(quorum.onLmsTimer());
    return drain();
  }

  /** Sends a raw message to every node's raw deliveries (tests and benchmarks). */
  public List<NodeEffect> submitRaw(byte[] payload, long now) {
    this.now = now;
    submit(RAW, payload);
    return drain();
  }

  public List<NodeEffect> cpgJoin(String group, long pid, long now) {
    this.now = now;
    groups(cpg.join(group, pid));
    return drain();
  }

  public List<NodeEffect> cpgLeave(String group, long pid, long now) {
    this.now = now;
    groups(cpg.leave(group, pid));
    return drain();
  }

  public List<NodeEffect> cpgSend(String group, long pid, byte[] payload, long now) {
    this.now = now;
    groups(cpg.send(group, pid, payload));
    return drain();
  }

  public List<NodeEffect> clientGone(long pid, long now) {
    this.now = now;
    groups(cpg.clientGone(pid));
    return drain();
  }

  public List<NodeEffect> setExpectedVotes(int votes, long now) {
    this.now = now;
    quorum(quorum.setExpectedVotes(votes));
    return drain();
  }

  public List<NodeEffect> leave(long now) {
    this.now = now;
    ring(totem.leave(now));
    return drain();
  }

  /** Bytes queued for the ring and not yet sent. */
  public long queuedBytes() {
    return totem.queuedBytes();
  }

  public TotemStatus ringStatus() {
    return totem.status();
  }

  public QuorumState quorumState() {
    return quorum.state();
  }

  public List<ProcessId> groupMembers(String group) {
    return cpg.members(group);
  }

  public boolean groupsSyncing() {
    return cpg.syncing();
  }

  private void submit(byte service, byte[] payload) {
    byte[] m = new byte[payload.length + 1];
    m[0] = service;
    System.arraycopy(payload, 0, m, 1, payload.length);
    ring(totem.submit(m, now));
  }

  private void ring(List<TotemEffect> effects) {
    for (TotemEffect e : effects) {
      if (e instanceof TotemEffect.Deliver d) {
        byte[] m = d.payload();
        if (m.length == 0) {
          continue;
        }
        byte[] body = Arrays.copyOfRange(m, 1, m.length);
        switch (m[0]) {
          case RAW -> out.add(new NodeEffect.Totem(new TotemEffect.Deliver(d.origin(), body)));
          case CPG -> groups(cpg.onDeliver(d.origin(), body));
          case QUORUM -> quorum(quorum.onDeliver(d.origin(), body));
          default -> {}
        }
      } else {
        out.add(new NodeEffect.Totem(e));
        if (e instanceof TotemEffect.ConfigChange c) {
          groups(cpg.onConfigChange(c));
          quorum(quorum.onConfigChange(c));
        }
      }
    }
  }

  private void groups(List<CpgOutput> outputs) {
    for (CpgOutput o : outputs) {
      if (o instanceof CpgOutput.Submit s) {
        submit(CPG, s.message());
      } else if (o instanceof CpgOutput.ToClient c) {
        out.add(new NodeEffect.Client(c.member(), c.event()));
      }
    }
  }

  private void quorum(List<VoteQuorum.Output> outputs) {
    for (VoteQuorum.Output o : outputs) {
      if (o instanceof VoteQuorum.Submit s) {
        submit(QUORUM, s.message());
      } else if (o instanceof VoteQuorum.Changed c) {
        out.add(new NodeEffect.Quorum(c.state()));
      } else if (o instanceof VoteQuorum.ArmLmsTimer t) {
        out.add(new NodeEffect.LmsTimer(t.delayMs() > 0 ? now + t.delayMs() : 0));
      }
    }
  }

  private List<NodeEffect> drain() {
    List<NodeEffect> r = out;
    out = new ArrayList<>();
    return r;
  }
}
