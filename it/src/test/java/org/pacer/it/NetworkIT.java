package org.pacer.it;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.pacer.it.harness.Command;
import org.pacer.it.harness.Network;
import org.pacer.it.harness.Privileges;

/** The fault injector cuts what it says it cuts, and heals it again. Needs root. */
class NetworkIT {

  private static boolean reaches(Network net, String from, String to) throws Exception {
    return Command.run(
            net.inHost(from, List.of("ping", "-c", "1", "-W", "1", net.host(to).address())))
        .ok();
  }

  /**
   * A fresh or just healed link may drop the first packet or two (neighbour discovery on a loaded
   * host): reachable means a reply within a few tries. Unreachable is checked with one try, which a
   * cut link fails however often it is tried.
   */
  private static void assertReaches(Network net, String from, String to) throws Exception {
    for (int i = 0; i < 5; i++) {
      if (reaches(net, from, to)) {
        return;
      }
    }
    throw new AssertionError(from + " cannot reach " + to + " in 5 tries");
  }

  @Test
  void partitionsAndLinkCutsAreRealAndHeal() throws Exception {
    assumeTrue(Privileges.namespaces(), "needs root, ip and nft");
    try (Network net = Network.create("t" + (ProcessHandle.current().pid() % 10000), 201)) {
      for (int i = 1; i <= 3; i++) {
        net.addHost("n" + i, i);
      }
      assertReaches(net, "n1", "n2");
      assertReaches(net, "n1", "n3");

      net.partition(List.of(Set.of("n1", "n2"), Set.of("n3")));
      assertReaches(net, "n1", "n2");
      assertFalse(reaches(net, "n1", "n3"));
      assertFalse(reaches(net, "n3", "n2"));

      net.heal();
      assertReaches(net, "n3", "n1");

      net.cutLink("n2");
      assertFalse(reaches(net, "n1", "n2"));
      assertReaches(net, "n1", "n3");
      net.restoreLink("n2");
      assertReaches(net, "n1", "n2");

      net.lossy("n2", 100);
      assertFalse(reaches(net, "n1", "n2"));
      assertReaches(net, "n1", "n3");
      net.heal();
      assertReaches(net, "n1", "n2");
    }
  }
}
