package org.pacer.membership.quorum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pacer.membership.config.ClusterConfig;
import org.pacer.membership.config.ClusterConfigReader;
import org.pacer.membership.totem.RingId;
import org.pacer.membership.totem.TotemEffect.ConfigChange;

class VoteQuorumTest {

  static ClusterConfig conf(int nodes, String quorum) throws Exception {
    StringBuilder sb = new StringBuilder("nodelist {\n");
    for (int i = 1; i <= nodes; i++) {
      sb.append(" node {\n  nodeid: ").append(i).append("\n  ring0_addr: 10.0.0.").append(i);
      sb.append("\n }\n");
    }
    sb.append("}\nquorum {\n provider: corosync_votequorum\n").append(quorum).append("\n}\n");
    return ClusterConfigReader.read("t", sb.toString());
  }

  /** One node's quorum fed a configuration and the ring messages its members would send. */
  static final class Harness {
    final VoteQuorum q;
    final int self;
    long seq = 10;

    Harness(int self, ClusterConfig c) {
      this.self = self;
      this.q = new VoteQuorum(self, c);
    }

    /**
     * Installs {@code members}; each member's NodeState is delivered, ours as we produced it, the
     * others' as given (expected votes, wfa satisfied).
     */
    QuorumState ring(List<Integer> members, int othersExpected, boolean othersSatisfied) {
      seq += 4;
      RingId r = new RingId(seq, members.get(0));
      q.onConfigChange(new ConfigChange(true, r, List.of(self), List.of(), List.of()));
      List<VoteQuorum.Output> out =
          new ArrayList<>(
              q.onConfigChange(new ConfigChange(false, r, members, List.of(), List.of())));
      for (int m : members) {
        if (m == self) {
          for (VoteQuorum.Output o : out) {
            if (o instanceof VoteQuorum.Submit s) {
              q.onDeliver(self, s.message());
            }
          }
        } else {
          byte[] state =
              java.nio.ByteBuffer.allocate(6)
                  .put((byte) 1)
                  .putInt(othersExpected)
                  .put((byte) (othersSatisfied ? 1 : 0))
                  .array();
          q.onDeliver(m, state);
        }
      }
      return q.state();
    }

    void deliverOwn(List<VoteQuorum.Output> outputs) {
      for (VoteQuorum.Output o : outputs) {
        if (o instanceof VoteQuorum.Submit s) {
          q.onDeliver(self, s.message());
        }
      }
    }
  }

  @Test
  void majorityOfExpectedVotes() throws Exception {
    Harness h = new Harness(1, conf(3, ""));
    QuorumState s = h.ring(List.of(1, 2), 3, true);
    assertTrue(s.quorate());
    assertEquals(2, s.quorum());
    assertEquals(3, s.expectedVotes());
    assertFalse(h.ring(List.of(1), 3, true).quorate());
  }

  @Test
  void twoNodeIsQuorateAloneOnceBothWereSeen() throws Exception {
    Harness h = new Harness(1, conf(2, " two_node: 1"));
    assertFalse(h.ring(List.of(1), 2, false).quorate(), "wait_for_all comes with two_node");
    assertTrue(h.ring(List.of(1, 2), 2, false).quorate());
    QuorumState alone = h.ring(List.of(1), 2, true);
    assertTrue(alone.quorate());
    assertEquals(1, alone.quorum());
  }

  @Test
  void waitForAllUntilEveryNodeSeenOrAMemberSaysSo() throws Exception {
    Harness h = new Harness(1, conf(3, " wait_for_all: 1"));
    QuorumState s = h.ring(List.of(1, 2), 3, false);
    assertFalse(s.quorate());
    assertTrue(s.waitingForAll());
    assertTrue(h.ring(List.of(1, 2, 3), 3, false).quorate());
    assertTrue(h.ring(List.of(1, 2), 3, false).quorate());

    Harness restarted = new Harness(3, conf(3, " wait_for_all: 1"));
    assertTrue(restarted.ring(List.of(2, 3), 3, true).quorate(), "member 2 had seen everyone");
  }

  @Test
  void autoTieBreakerGivesHalfToTheLowestOrHighestNode() throws Exception {
    assertTrue(
        new Harness(1, conf(4, " auto_tie_breaker: 1")).ring(List.of(1, 2), 4, true).quorate());
    assertFalse(
        new Harness(3, conf(4, " auto_tie_breaker: 1")).ring(List.of(3, 4), 4, true).quorate());
    String highest = " auto_tie_breaker: 1\n auto_tie_breaker_node: highest";
    assertTrue(new Harness(3, conf(4, highest)).ring(List.of(3, 4), 4, true).quorate());
    assertFalse(new Harness(1, conf(4, highest)).ring(List.of(1, 2), 4, true).quorate());
    String listed = " auto_tie_breaker: 1\n auto_tie_breaker_node: 3 1";
    assertTrue(new Harness(3, conf(4, listed)).ring(List.of(2, 3), 4, true).quorate());
  }

  @Test
  void lastManStandingLowersExpectedVotesAfterTheWindow() throws Exception {
    Harness h = new Harness(1, conf(5, " last_man_standing: 1\n last_man_standing_window: 1000"));
    h.ring(List.of(1, 2, 3, 4, 5), 5, true);
    QuorumState three = h.ring(List.of(1, 2, 3), 5, true);
    assertTrue(three.quorate());
    assertEquals(5, three.expectedVotes());
    h.deliverOwn(h.q.onLmsTimer());
    assertEquals(3, h.q.state().expectedVotes());
    assertTrue(h.ring(List.of(1, 2), 3, true).quorate(), "2 of 3");
  }

  @Test
  void expectedVotesChangeAtRunTime() throws Exception {
    Harness h = new Harness(1, conf(3, ""));
    assertFalse(h.ring(List.of(1), 3, true).quorate());
    h.deliverOwn(h.q.setExpectedVotes(1));
    assertTrue(h.q.state().quorate());
    assertEquals(1, h.q.state().expectedVotes());
    // A member that comes back brings the higher value with it.
    assertEquals(3, h.ring(List.of(1, 2), 3, true).expectedVotes());
  }
}
