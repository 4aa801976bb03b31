package org.pacer.crmd.adapter;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.pacer.crmd.controller.OpRequest;
import org.pacer.crmd.controller.OpResult;
import org.pacer.crmd.graph.ResourceRef;
import org.pacer.crmd.history.OpStatus;
import org.pacer.crmd.history.ResourceHistory;
import org.pacer.crmd.port.ExecutorPort;

/**
 * Operations on {@code stonith}-class resources, which the controller answers itself, as
 * Pacemaker's does: pacer-stonithd reads its devices from the CIB, so starting a fencing resource
 * marks it active on this node, stopping it marks it inactive, and a monitor reports which. Every
 * other resource goes to the node's executor.
 */
public final class FencingDevices implements ExecutorPort {

  private final ExecutorPort executor;
  private final Set<String> active = ConcurrentHashMap.newKeySet();
  private volatile Consumer<OpResult> onResult = r -> {};
  private int callId = 1_000_000_000;

  public FencingDevices(ExecutorPort executor) {
    this.executor = executor;
  }

  @Override
  public void subscribe(Consumer<OpResult> listener) throws Exception {
    onResult = listener;
    executor.subscribe(listener);
  }

  @Override
  public List<ResourceHistory> history() throws Exception {
    return executor.history();
  }

  @Override
  public void execute(OpRequest request) {
    ResourceRef r = request.resource();
    if (!"stonith".equals(r.agentClass())) {
      executor.execute(request);
      return;
    }
    int rc;
    switch (request.operation()) {
      case "start" -> {
        active.add(r.id());
        rc = OpStatus.RC_OK;
      }
      case "stop" -> {
        active.remove(r.id());
        rc = OpStatus.RC_OK;
      }
      case "monitor" -> rc = active.contains(r.id()) ? OpStatus.RC_OK : OpStatus.RC_NOT_RUNNING;
      default -> rc = OpStatus.RC_ERROR;
    }
    int call;
    synchronized (this) {
      call = ++callId;
    }
    onResult.accept(
        new OpResult(
            r,
            request.operation(),
            request.intervalMs(),
            call,
            rc,
            OpStatus.DONE,
            rc == OpStatus.RC_ERROR
                ? request.operation() + " is not an action of a fencing device"
                : "",
            0,
            0,
            System.currentTimeMillis() / 1000,
            request.transitionKey()));
  }

  @Override
  public void cancel(ResourceRef resource, String operation, long intervalMs) {
    if (!"stonith".equals(resource.agentClass())) {
      executor.cancel(resource, operation, intervalMs);
    }
  }

  @Override
  public void forget(String resourceId) {
    active.remove(resourceId);
    executor.forget(resourceId);
  }

  @Override
  public void close() {
    executor.close();
  }
}
