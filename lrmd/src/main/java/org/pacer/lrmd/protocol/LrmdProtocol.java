package org.pacer.lrmd.protocol;

import java.util.List;
import java.util.Map;
import org.pacer.lrmd.agent.AgentId;
import org.pacer.lrmd.executor.OperationRequest;
import org.pacer.lrmd.executor.OperationResult;
import org.pacer.lrmd.executor.ResourceDefinition;

/**
 * What pacer-lrmd answers on its local socket ({@code <run>/lrmd.sock}): the request types, the
 * push topic, and their bodies. Bodies carry plain strings and numbers so that any client (the
 * controller, {@code crm}, a test) reads them without Pacer's classes.
 */
public final class LrmdProtocol {

  /** The daemon's name: its socket is {@code lrmd.sock}. */
  public static final String NAME = "lrmd";

  public static final String REGISTER = "lrmd.register";
  public static final String UNREGISTER = "lrmd.unregister";
  public static final String EXECUTE = "lrmd.execute";
  public static final String CANCEL = "lrmd.cancel";
  public static final String HISTORY = "lrmd.history";
  public static final String METADATA = "lrmd.metadata";
  public static final String VALIDATE = "lrmd.validate";
  public static final String AGENTS = "lrmd.agents";

  /** Every result as it happens: an {@link Result}. */
  public static final String RESULTS_TOPIC = "lrmd.results";

  private LrmdProtocol() {}

  /** {@link #REGISTER}: a resource and its agent ({@code ocf:heartbeat:Dummy}). */
  public record Register(
      String resource, String agent, Map<String, String> parameters, Map<String, String> meta) {

    public ResourceDefinition toDefinition() {
      return new ResourceDefinition(
          resource,
          AgentId.parse(agent),
          parameters == null ? Map.of() : parameters,
          meta == null ? Map.of() : meta);
    }
  }

  /** {@link #UNREGISTER} and {@link #HISTORY} (null resource: all). */
  public record ResourceRef(String resource) {}

  /** {@link #EXECUTE}. Interval, timeout and start delay in milliseconds. */
  public record Execute(
      String resource,
      String action,
      long interval,
      long timeout,
      long startDelay,
      Map<String, String> parameters,
      Map<String, String> meta,
      String checkLevel,
      String userData) {

    public OperationRequest toRequest() {
      return new OperationRequest(
          resource, action, interval, timeout, startDelay, parameters, meta, checkLevel, userData);
    }
  }

  /** The answer to {@link #EXECUTE}. */
  public record Submitted(long callId) {}

  /** {@link #CANCEL}. */
  public record Cancel(String resource, String action, long interval) {}

  /** A yes/no answer (cancel, unregister). */
  public record Done(boolean done) {}

  /** One result, as pushed on {@link #RESULTS_TOPIC} and listed in histories. */
  public record Result(
      long callId,
      String resource,
      String agent,
      String action,
      long interval,
      int rc,
      String rcText,
      int exitCode,
      int opStatus,
      String status,
      String exitReason,
      String output,
      long queueTime,
      long runTime,
      long startedAt,
      long finishedAt,
      String userData,
      boolean changed) {

    public static Result of(OperationResult r) {
      return new Result(
          r.callId(),
          r.resourceId(),
          r.agent().toString(),
          r.action(),
          r.intervalMs(),
          r.code().code(),
          r.code().description(),
          r.exitCode(),
          r.status().code(),
          r.status().name(),
          r.exitReason(),
          r.outputTail(),
          r.queueTimeMs(),
          r.runTimeMs(),
          r.startedAt().toEpochMilli(),
          r.finishedAt().toEpochMilli(),
          r.userData(),
          r.changed());
    }

    public String operationKey() {
      return resource + "_" + action + "_" + interval;
    }
  }

  /** One resource in a {@link #HISTORY} answer. */
  public record ResourceHistory(
      Register definition, List<Execute> recurring, List<Result> last, List<Result> recent) {}

  /** The answer to {@link #HISTORY}. */
  public record History(List<ResourceHistory> resources) {}

  /** {@link #METADATA}: the agent's meta-data; {@link #VALIDATE}: also the parameters. */
  public record AgentRef(String agent, Map<String, String> parameters) {}

  /** The answer to {@link #METADATA}: the parsed meta-data. */
  public record Metadata(
      String agent,
      String shortDescription,
      String longDescription,
      List<Parameter> parameters,
      List<Action> actions) {}

  /** One parameter of an agent. */
  public record Parameter(
      String name,
      String type,
      String defaultValue,
      boolean required,
      boolean unique,
      boolean reloadable,
      boolean deprecated,
      String shortDescription) {}

  /** One action of an agent with its advised attributes (timeout, interval, ...). */
  public record Action(String name, Map<String, String> attributes) {}

  /** The answer to {@link #VALIDATE}: what is wrong with the parameters, empty when nothing. */
  public record Problems(List<String> problems) {}

  /** {@link #AGENTS}: the agents of a class ({@code provider} for ocf, may be null). */
  public record AgentQuery(String agentClass, String provider) {}

  /** The answer to {@link #AGENTS}. */
  public record AgentList(List<String> agents) {}
}
