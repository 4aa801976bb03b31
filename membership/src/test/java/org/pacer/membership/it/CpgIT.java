package org.pacer.membership.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.pacer.membership.api.CpgPush;
import org.pacer.membership.api.CpgRequests;
import org.pacer.membership.client.CpgClient;
import org.pacer.membership.client.MembershipClient;

/**
 * Process groups through real daemons: members on three nodes get every message in one order, and a
 * member that disappears without leaving is seen to leave with reason procdown.
 */
class CpgIT {

  static final class Recorder implements CpgClient.Listener {
    final List<String> events = new CopyOnWriteArrayList<>();

    @Override
    public void delivered(String group, CpgPush.GroupMember sender, byte[] payload) {
      events.add(new String(payload, StandardCharsets.UTF_8));
    }

    @Override
    public void configurationChanged(
        String group,
        List<CpgPush.GroupMember> members,
        List<CpgPush.GroupChange> joined,
        List<CpgPush.GroupChange> left) {
      events.add(
          "confchg "
              + members.size()
              + " left="
              + left.stream().map(CpgPush.GroupChange::reason).toList());
    }

    List<String> messages() {
      return events.stream().filter(e -> !e.startsWith("confchg")).toList();
    }
  }

  @Test
  void agreedOrderAndProcessDown() throws Exception {
    try (DaemonCluster c = new DaemonCluster(3, "")) {
      c.startAll();
      List<Integer> all = List.of(1, 2, 3);
      c.await(all, DaemonCluster.ringOf(all), Duration.ofSeconds(60));
      List<MembershipClient> conns = new ArrayList<>();
      List<CpgClient> members = new ArrayList<>();
      List<Recorder> recorders = new ArrayList<>();
      for (int n : all) {
        MembershipClient mc = c.client(n);
        conns.add(mc);
        CpgClient cpg = mc.cpg();
        Recorder r = new Recorder();
        cpg.join("g", r).get(10, TimeUnit.SECONDS);
        members.add(cpg);
        recorders.add(r);
      }
      waitFor(() -> recorders.stream().allMatch(r -> r.events.contains("confchg 3 left=[]")));
      for (int i = 0; i < 50; i++) {
        for (int n = 0; n < 3; n++) {
          members.get(n).send("g", ("m" + n + "-" + i).getBytes(StandardCharsets.UTF_8));
        }
      }
      waitFor(() -> recorders.stream().allMatch(r -> r.messages().size() == 150));
      assertEquals(recorders.get(0).messages(), recorders.get(1).messages());
      assertEquals(recorders.get(0).messages(), recorders.get(2).messages());

      // A fourth member on node 2 vanishes without leaving: its connection closes, and the
      // daemon makes it leave at once, well before its lease would run out.
      MembershipClient doomed = c.client(2);
      CpgClient ghost = doomed.cpg();
      ghost.join("g", new Recorder()).get(10, TimeUnit.SECONDS);
      waitFor(() -> recorders.get(0).events.contains("confchg 4 left=[]"));
      long closed = System.nanoTime();
      doomed.close();
      waitFor(() -> recorders.get(0).events.contains("confchg 3 left=[procdown]"));
      long seenMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - closed);
      assertTrue(
          seenMs < CpgRequests.LEASE_MS,
          "procdown seen after " + seenMs + " ms: the lease ran out, the disconnect did nothing");
      waitFor(() -> recorders.get(2).events.contains("confchg 3 left=[procdown]"));
      waitFor(() -> recorders.get(1).events.contains("confchg 3 left=[procdown]"));
      // A client that stops renewing (a paused process) is dropped when its lease runs out, and
      // the daemon's refusal afterwards says so in the words CpgClient rejoins on.
      MembershipClient raw = c.client(3);
      raw.connection()
          .request(CpgRequests.JOIN, new CpgRequests.Join("paused", "g"), Duration.ofSeconds(10))
          .get(12, TimeUnit.SECONDS);
      waitFor(
          () ->
              recorders.get(0).events.stream().filter(e -> e.endsWith("[procdown]")).count() == 2);
      Exception refused =
          assertThrows(
              Exception.class,
              () ->
                  raw.connection()
                      .request(
                          CpgRequests.KEEPALIVE,
                          new CpgRequests.Keepalive("paused"),
                          Duration.ofSeconds(10))
                      .get(12, TimeUnit.SECONDS));
      assertTrue(CpgClient.forgotten(refused), "refusal was: " + refused);
      raw.close();
      for (CpgClient m : members) {
        m.close();
      }
      conns.forEach(MembershipClient::close);
    }
  }

  static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within 30 s");
      }
      Thread.sleep(20);
    }
  }
}
