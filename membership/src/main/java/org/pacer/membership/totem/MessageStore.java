package org.pacer.membership.totem;

import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.pacer.membership.totem.TotemPacket.Message;

/**
 * The ordered messages of one ring as this node has them: which arrived, how far they are
 * contiguous ({@link #aru}), how far they were delivered, and which are still kept because some
 * member may yet ask for them.
 */
final class MessageStore {

  private final NavigableMap<Long, Message> messages = new TreeMap<>();
  private long aru;
  private long highSeq;
  private long delivered;
  private long discarded;

  /** Adds a message; false when it was already here or already discarded. */
  boolean add(long seq, Message m) {
    if (seq <= discarded || messages.containsKey(seq)) {
      return false;
    }
    messages.put(seq, m);
    highSeq = Math.max(highSeq, seq);
    while (messages.containsKey(aru + 1) || aru + 1 <= discarded) {
      aru++;
    }
    return true;
  }

  boolean has(long seq) {
    return messages.containsKey(seq);
  }

  Message get(long seq) {
    return messages.get(seq);
  }

  /** Every seq up to which all messages are here. */
  long aru() {
    return aru;
  }

  long highSeq() {
    return highSeq;
  }

  long delivered() {
    return delivered;
  }

  void markDelivered(long seq) {
    delivered = Math.max(delivered, seq);
  }

  /** Up to {@code limit} seqs above {@link #aru} and at most {@code upTo} that are missing. */
  List<Long> missing(long upTo, int limit) {
    List<Long> out = new ArrayList<>();
    for (long s = aru + 1; s <= upTo && out.size() < limit; s++) {
      if (!messages.containsKey(s)) {
        out.add(s);
      }
    }
    return out;
  }

  /** The messages held with {@code from < seq <= to}, in order. */
  List<Message> range(long from, long to) {
    return new ArrayList<>(messages.subMap(from, false, to, true).values());
  }

  /** Forgets delivered messages up to {@code seq}: every member has them. */
  void discardUpTo(long seq) {
    long upTo = Math.min(seq, delivered);
    if (upTo <= discarded) {
      return;
    }
    messages.headMap(upTo, true).clear();
    discarded = upTo;
  }

  int size() {
    return messages.size();
  }
}
