package org.pacer.crmd.election;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.pacer.crmd.message.CrmdMessage.Vote;

class ElectionTest {

  private static String winnerOf(Vote... votes) {
    Election e = new Election();
    Set<String> members = new java.util.HashSet<>();
    for (Vote v : votes) {
      members.add(v.node());
    }
    e.start(7, members);
    String w = null;
    for (Vote v : votes) {
      w = e.offer(v);
    }
    return w;
  }

  @Test
  void versionThenIncumbentThenUptimeThenName() {
    assertEquals("b", winnerOf(new Vote(7, "a", 1, true, 9000), new Vote(7, "b", 2, false, 1)));
    assertEquals("b", winnerOf(new Vote(7, "a", 1, false, 9000), new Vote(7, "b", 1, true, 1)));
    assertEquals("a", winnerOf(new Vote(7, "a", 1, false, 9000), new Vote(7, "b", 1, false, 1)));
    assertEquals("a", winnerOf(new Vote(7, "b", 1, false, 5), new Vote(7, "a", 1, false, 5)));
  }

  @Test
  void decidesOnlyWithEveryBallotAndOnlyOnce() {
    Election e = new Election();
    e.start(3, Set.of("a", "b", "c"));
    assertNull(e.offer(new Vote(3, "a", 1, false, 10)));
    assertNull(e.offer(new Vote(2, "b", 1, false, 99)), "a ballot of another view is ignored");
    assertNull(e.offer(new Vote(3, "x", 1, false, 99)), "a non-member's ballot is ignored");
    assertNull(e.offer(new Vote(3, "b", 1, false, 20)));
    assertEquals("b", e.offer(new Vote(3, "c", 1, false, 15)));
    assertNull(e.offer(new Vote(3, "c", 1, false, 15)));
    assertEquals("b", e.winner());
  }

  @Test
  void cutOffDecidesAmongTheBallotsDelivered() {
    Election e = new Election();
    e.start(4, Set.of("a", "b", "hung"));
    e.offer(new Vote(4, "a", 1, false, 10));
    e.offer(new Vote(4, "b", 1, false, 20));
    assertNull(e.cutOff(3));
    assertEquals("b", e.cutOff(4));
  }

  /** Whatever order the same ballots arrive in, the winner is the same: agreement. */
  @Test
  void orderDoesNotMatter() {
    List<Vote> votes = new ArrayList<>();
    Random r = new Random(42);
    for (int i = 0; i < 7; i++) {
      votes.add(new Vote(1, "n" + i, 1 + r.nextInt(2), r.nextBoolean(), r.nextInt(3)));
    }
    String first = null;
    for (int round = 0; round < 50; round++) {
      Collections.shuffle(votes, r);
      String w = winnerOf(votes.toArray(new Vote[0]));
      if (first == null) {
        first = w;
      }
      assertEquals(first, w);
    }
  }

  /**
   * A view that only drops members keeps the DC without a round, exactly when the full round would
   * elect it again: it is among the rest, everyone left voted last time, nobody left outranks its
   * version; otherwise the round runs.
   */
  @Test
  void aViewThatOnlyDropsMembersKeepsTheWinnerTheFullRoundWouldElect() {
    Election e = new Election();
    e.start(7, Set.of("a", "b", "c"));
    e.offer(new Vote(7, "a", 1, false, 5));
    e.offer(new Vote(7, "b", 1, false, 9));
    assertNull(e.keeps(Set.of("b", "c")), "undecided round");
    assertEquals("b", e.offer(new Vote(7, "c", 1, false, 1)));
    assertEquals("b", e.keeps(Set.of("b", "c")));
    assertEquals("b", e.keeps(Set.of("b")));
    assertNull(e.keeps(Set.of("a", "c")), "the DC left: a round");
    assertNull(e.keeps(Set.of("b", "d")), "a member joined: a round");
    assertNull(e.keeps(Set.of()), "nobody");
    // The full round among b and c, b being the incumbent, elects b too.
    assertEquals("b", winnerOf(new Vote(7, "c", 1, false, 1), new Vote(7, "b", 1, true, 9)));

    Election upgraded = new Election();
    upgraded.start(7, Set.of("a", "b"));
    upgraded.offer(new Vote(7, "a", 1, true, 5));
    assertEquals("a", upgraded.cutOff(7));
    assertNull(upgraded.keeps(Set.of("a", "b")), "b never voted");
  }
}
