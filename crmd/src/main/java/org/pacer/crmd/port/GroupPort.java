package org.pacer.crmd.port;

import org.pacer.crmd.controller.Input;
import org.pacer.crmd.message.CrmdMessage;

/**
 * The {@code crmd} process group: agreed order, membership changes at the same point of the order
 * for every member, FIFO per sender. The controller's correctness rests on these guarantees.
 */
public interface GroupPort extends AutoCloseable {

  /** What the group reports, in order, one call at a time. */
  interface Listener {
    void viewChanged(Input.ViewChanged view);

    void delivered(String fromNode, CrmdMessage message);

    void quorumChanged(boolean quorate);
  }

  /** Joins the group; events start flowing to {@code listener}. */
  void join(Listener listener) throws Exception;

  /** Sends to every member (this one included), asynchronously. */
  void send(CrmdMessage message);

  @Override
  void close();
}
