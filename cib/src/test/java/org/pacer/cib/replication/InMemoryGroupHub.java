package org.pacer.cib.replication;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A total-order process group inside one JVM, for tests that run several real CIB daemons before
 * the membership daemon's group is available: one sequencing thread delivers every message and view
 * to every member in the same order. Members can be split into partitions and merged again.
 */
public final class InMemoryGroupHub implements AutoCloseable {
  private final ExecutorService sequencer =
      Executors.newSingleThreadExecutor(r -> new Thread(r, "group-hub"));
  private final Map<String, Member> members = new LinkedHashMap<>();
  private long viewIds;

  /** A new handle for one daemon. */
  public ProcessGroup member() {
    return new Member();
  }

  /** Cuts the group: each list becomes its own partition (unlisted members stay with the first). */
  public void partition(List<List<String>> sides) {
    sequencer.execute(
        () -> {
          int side = 0;
          for (List<String> names : sides) {
            for (String n : names) {
              Member m = members.get(n);
              if (m != null) {
                m.partition = side;
              }
            }
            side++;
          }
          views();
        });
  }

  /** Heals every partition. */
  public void heal() {
    sequencer.execute(
        () -> {
          members.values().forEach(m -> m.partition = 0);
          views();
        });
  }

  /** Waits until everything sent so far has been delivered. */
  public void drain() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      var done = new java.util.concurrent.CountDownLatch(1);
      sequencer.execute(done::countDown);
      done.await(30, TimeUnit.SECONDS);
    }
  }

  private void views() {
    Map<Integer, List<String>> sides = new LinkedHashMap<>();
    members
        .values()
        .forEach(m -> sides.computeIfAbsent(m.partition, k -> new ArrayList<>()).add(m.node));
    for (List<String> names : sides.values()) {
      names.sort(String::compareTo);
      View v = new View(++viewIds, names);
      for (String n : names) {
        members.get(n).listener.onView(v);
      }
    }
  }

  private final class Member implements ProcessGroup {
    String node;
    Listener listener;
    int partition;

    @Override
    public void join(String group, String node, Listener listener) {
      this.node = node;
      this.listener = listener;
      sequencer.execute(
          () -> {
            members.put(node, this);
            views();
          });
    }

    @Override
    public void send(byte[] message) {
      sequencer.execute(
          () -> {
            if (members.get(node) != this) {
              return;
            }
            for (Member m : members.values()) {
              if (m.partition == partition) {
                m.listener.onDeliver(node, message);
              }
            }
          });
    }

    @Override
    public void close() {
      sequencer.execute(
          () -> {
            if (members.remove(node, this)) {
              views();
            }
          });
    }
  }

  @Override
  public void close() {
    sequencer.shutdown();
  }
}
