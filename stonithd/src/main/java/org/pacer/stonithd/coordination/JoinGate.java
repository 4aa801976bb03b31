package org.pacer.stonithd.coordination;

import java.util.ArrayList;
import java.util.List;

/**
 * Holds back what a joining member is delivered until the state transfer it waits for arrives: the
 * first {@link FencingMessage.HistorySync} from the lowest-named member that was already there
 * naming it among the joiners. Everything delivered meanwhile is replayed after the state is
 * installed, in order, so the joiner ends in the state every other member is in.
 */
final class JoinGate {

  private boolean waiting;
  private String sender = "";
  private final List<FencingEvent.Delivered> held = new ArrayList<>();

  boolean waiting() {
    return waiting;
  }

  String sender() {
    return sender;
  }

  void waitFor(String stateSender) {
    waiting = true;
    sender = stateSender;
  }

  /** Whether {@code d} is the state transfer this member waits for. */
  boolean isTheState(FencingEvent.Delivered d, String self) {
    return waiting
        && d.message() instanceof FencingMessage.HistorySync h
        && d.sender().equals(sender)
        && h.joiners().contains(self);
  }

  void hold(FencingEvent.Delivered d) {
    held.add(d);
  }

  /** Stops waiting; returns what was held, oldest first. */
  List<FencingEvent.Delivered> open() {
    waiting = false;
    List<FencingEvent.Delivered> replay = new ArrayList<>(held);
    held.clear();
    return replay;
  }
}
