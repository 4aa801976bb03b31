package org.pacer.cib.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pacer.cib.document.CibDocument;
import org.pacer.cib.ops.CibUpdater;

/** A round stalled by a lost message is started again by the coordinator, with growing patience. */
class CibReplicaTickTest {
  final CibUpdater updater = CibUpdater.standard();

  CibReplica replica(String name) {
    return new CibReplica(name, "i1", CibDocument.empty(), updater::apply);
  }

  static List<ReplicationMessage> sent(List<ReplicaEffect> effects) {
    return effects.stream()
        .filter(ReplicaEffect.Broadcast.class::isInstance)
        .map(e -> ((ReplicaEffect.Broadcast) e).message())
        .toList();
  }

  static List<ReplicaEffect> ticks(CibReplica r, int n) {
    List<ReplicaEffect> last = List.of();
    for (int i = 0; i < n; i++) {
      last = r.tick();
      if (!last.isEmpty() && i < n - 1) {
        throw new AssertionError("restarted after " + (i + 1) + " ticks, expected " + n);
      }
    }
    return last;
  }

  @Test
  void theCoordinatorStartsALostRoundAgainAndWaitsLongerEachTime() {
    CibReplica n1 = replica("n1");
    View view = new View(1, List.of("n1", "n2"));
    ReplicationMessage.StartRound lost =
        (ReplicationMessage.StartRound) sent(n1.onView(view)).get(0);
    assertTrue(n1.syncing());

    List<ReplicationMessage> again = sent(ticks(n1, CibReplica.INITIAL_PATIENCE));
    assertEquals(1, again.size());
    ReplicationMessage.StartRound second = (ReplicationMessage.StartRound) again.get(0);
    assertFalse(second.round().equals(lost.round()), "a new round, not the lost one");

    // Lost again: the next attempt waits twice as long.
    assertEquals(1, sent(ticks(n1, 2 * CibReplica.INITIAL_PATIENCE)).size());
  }

  @Test
  void progressResetsTheWaitAndOnlyTheCoordinatorRestarts() {
    CibReplica n1 = replica("n1");
    CibReplica n2 = replica("n2");
    View view = new View(1, List.of("n1", "n2"));
    ReplicationMessage start = sent(n1.onView(view)).get(0);
    n2.onView(view);
    for (int i = 0; i < 10 * CibReplica.INITIAL_PATIENCE; i++) {
      assertTrue(n2.tick().isEmpty(), "a member that does not coordinate never starts a round");
    }
    // The round starts and n1's offer arrives; n2's offer is lost.
    ReplicationMessage offer1 = sent(n1.onDeliver("n1", start)).get(0);
    n2.onDeliver("n1", start);
    n1.onDeliver("n1", offer1);
    assertTrue(sent(ticks(n1, CibReplica.INITIAL_PATIENCE - 1)).isEmpty());
    n1.onDeliver("n1", offer1); // progress (a repeated offer of this round) resets the count
    assertTrue(sent(ticks(n1, CibReplica.INITIAL_PATIENCE - 1)).isEmpty());
    assertEquals(1, sent(n1.tick()).size());
  }

  @Test
  void anEmptyViewHasNoCoordinatorAndStopsNothing() {
    // A member whose own group membership was lost (a lease that ran out while it was paused)
    // sees a view without anyone until it joins again: it waits, and crashes on nothing.
    CibReplica n1 = replica("n1");
    assertTrue(n1.onView(new View(1, List.of())).isEmpty());
    assertTrue(n1.syncing(), "no writes until a round has run");
    for (int i = 0; i < 4 * CibReplica.INITIAL_PATIENCE; i++) {
      assertTrue(n1.tick().isEmpty());
    }
    ReplicationMessage.StartRound foreign =
        new ReplicationMessage.StartRound(new Round("n2", "i9", 1));
    assertTrue(n1.onDeliver("n2", foreign).isEmpty(), "no coordinator: no round to join");
    // Joined again: the round runs as usual.
    assertEquals(1, sent(n1.onView(new View(2, List.of("n1", "n2")))).size());
  }

  @Test
  void aSettledReplicaNeverRestarts() {
    CibReplica solo = replica("n1");
    View view = new View(1, List.of("n1"));
    ReplicationMessage start = sent(solo.onView(view)).get(0);
    ReplicationMessage offer = sent(solo.onDeliver("n1", start)).get(0);
    solo.onDeliver("n1", offer);
    assertFalse(solo.syncing());
    for (int i = 0; i < 10 * CibReplica.INITIAL_PATIENCE; i++) {
      assertTrue(solo.tick().isEmpty());
    }
  }

  @Test
  void anIdleMemberAnnouncesItsDigestPeriodicallyAndAWriteResetsTheWait() {
    CibReplica solo = replica("n1");
    View view = new View(1, List.of("n1"));
    ReplicationMessage start = sent(solo.onView(view)).get(0);
    solo.onDeliver("n1", sent(solo.onDeliver("n1", start)).get(0));
    for (int i = 0; i < 3 * CibReplica.CHECK_EVERY; i++) {
      assertTrue(solo.tick().isEmpty(), "nothing written yet: nothing to check");
    }
    ReplicationMessage write =
        sent(solo.submit(
                1,
                new org.pacer.cib.ops.CibWrite.Bump(),
                org.pacer.cib.ops.WriteContext.of("root", "t", "n1", java.time.Instant.EPOCH)))
            .get(0);
    solo.onDeliver("n1", write);
    for (int i = 1; i < CibReplica.CHECK_EVERY; i++) {
      assertTrue(solo.tick().isEmpty());
    }
    List<ReplicationMessage> check = sent(solo.tick());
    assertEquals(1, check.size());
    ReplicationMessage.Check c = (ReplicationMessage.Check) check.get(0);
    assertEquals(1, c.index());
    assertEquals(solo.cib().digest(), c.digest());
    assertEquals(1, sent(ticks(solo, CibReplica.CHECK_EVERY)).size(), "and again while idle");
  }
}
