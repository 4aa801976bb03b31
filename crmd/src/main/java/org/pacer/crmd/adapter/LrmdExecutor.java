package org.pacer.crmd.adapter;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.pacer.crmd.controller.OpRequest;
import org.pacer.crmd.controller.OpResult;
import org.pacer.crmd.graph.ResourceRef;
import org.pacer.crmd.history.LocalHistory;
import org.pacer.crmd.history.OpRecord;
import org.pacer.crmd.history.OpStatus;
import org.pacer.crmd.history.ResourceHistory;
import org.pacer.crmd.port.ExecutorPort;
import org.pacer.lrmd.client.LrmdClient;
import org.pacer.lrmd.protocol.LrmdProtocol;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's pacer-lrmd as the controller's executor. Each operation registers the resource with
 * the parameters the graph gave (so a changed definition takes effect) and is submitted with the
 * transition key as its user data, which comes back with every result. Submissions go out one at a
 * time, in order, from one thread, so the executor queues them as the controller sent them.
 */
public final class LrmdExecutor implements ExecutorPort {

  private static final Logger log = LoggerFactory.getLogger(LrmdExecutor.class);
  private static final String META = "CRM_meta_";

  private final LrmdClient lrmd;
  private final ExecutorService submit =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "crmd-lrmd");
            t.setDaemon(true);
            return t;
          });
  private volatile Consumer<OpResult> onResult = r -> {};

  public LrmdExecutor(LrmdClient lrmd) {
    this.lrmd = lrmd;
  }

  @Override
  public void subscribe(Consumer<OpResult> listener) throws Exception {
    onResult = listener;
    lrmd.subscribe(
            r -> {
              // Recurring results equal to the previous one are not news.
              if (r.interval() == 0 || r.changed() || r.opStatus() != OpStatus.DONE) {
                listener.accept(result(r));
              }
            })
        .get(30, TimeUnit.SECONDS);
  }

  static OpResult result(LrmdProtocol.Result r) {
    return new OpResult(
        ref(r.resource(), r.agent()),
        r.action(),
        r.interval(),
        (int) r.callId(),
        r.rc(),
        r.opStatus(),
        r.exitReason(),
        r.runTime(),
        r.queueTime(),
        r.finishedAt() / 1000,
        r.userData() == null ? "" : r.userData());
  }

  /** {@code ocf:heartbeat:Dummy} → the resource reference. */
  static ResourceRef ref(String resource, String agent) {
    String[] p = agent == null ? new String[0] : agent.split(":");
    if (p.length == 3) {
      return new ResourceRef(resource, null, p[0], p[1], p[2]);
    }
    if (p.length == 2) {
      return new ResourceRef(resource, null, p[0], null, p[1]);
    }
    return new ResourceRef(resource, null, "ocf", null, agent == null ? "unknown" : agent);
  }

  @Override
  public List<ResourceHistory> history() throws Exception {
    LrmdProtocol.History h = lrmd.history(null).get(30, TimeUnit.SECONDS);
    LocalHistory local = new LocalHistory();
    for (LrmdProtocol.ResourceHistory rh : h.resources()) {
      List<LrmdProtocol.Result> last = new ArrayList<>(rh.last());
      last.sort(Comparator.comparingLong(LrmdProtocol.Result::callId));
      for (LrmdProtocol.Result r : last) {
        OpResult o = result(r);
        local.record(
            o.resource(),
            new OpRecord(
                "",
                r.operationKey(),
                r.action(),
                r.interval(),
                o.callId(),
                r.rc(),
                r.opStatus(),
                o.transitionKey(),
                o.finishedAt(),
                r.runTime(),
                r.queueTime(),
                r.exitReason(),
                org.pacer.crmd.controller.OpDigest.of(
                    rh.definition() == null || rh.definition().parameters() == null
                        ? Map.of()
                        : rh.definition().parameters())));
      }
    }
    return local.snapshot();
  }

  @Override
  public void execute(OpRequest request) {
    submit.execute(
        () -> {
          Map<String, String> params = new TreeMap<>();
          Map<String, String> meta = new TreeMap<>();
          request
              .parameters()
              .forEach(
                  (k, v) -> {
                    if (k.startsWith(META)) {
                      meta.put(k.substring(META.length()), v);
                    } else if (!k.equals("crm_feature_set")) {
                      params.put(k, v);
                    }
                  });
          ResourceRef r = request.resource();
          try {
            lrmd.register(r.id(), r.agent(), params, meta).get(30, TimeUnit.SECONDS);
            lrmd.execute(
                    new LrmdProtocol.Execute(
                        r.id(),
                        request.operation(),
                        request.intervalMs(),
                        request.timeoutMs(),
                        0,
                        params,
                        meta,
                        null,
                        request.transitionKey()))
                .get(30, TimeUnit.SECONDS);
          } catch (Exception e) {
            log.error(
                "the executor refused {} of {}: {}", request.operation(), r.id(), e.getMessage());
            // Report it as the operation's failure, so the DC acts now instead of at its timeout.
            onResult.accept(
                new OpResult(
                    r,
                    request.operation(),
                    request.intervalMs(),
                    -1,
                    OpStatus.RC_ERROR,
                    OpStatus.ERROR,
                    "the executor refused the operation: " + e.getMessage(),
                    0,
                    0,
                    System.currentTimeMillis() / 1000,
                    request.transitionKey()));
          }
        });
  }

  @Override
  public void cancel(ResourceRef resource, String operation, long intervalMs) {
    submit.execute(
        () -> {
          try {
            lrmd.cancel(resource.id(), operation, intervalMs).get(30, TimeUnit.SECONDS);
          } catch (Exception e) {
            log.warn(
                "cancelling {} {} of {}: {}", operation, intervalMs, resource.id(), e.getMessage());
          }
        });
  }

  @Override
  public void forget(String resourceId) {
    submit.execute(
        () -> {
          try {
            lrmd.unregister(resourceId).get(30, TimeUnit.SECONDS);
          } catch (Exception e) {
            log.warn("forgetting {}: {}", resourceId, e.getMessage());
          }
        });
  }

  @Override
  public void close() {
    submit.shutdownNow();
    lrmd.close();
  }
}
