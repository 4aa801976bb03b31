package org.pacer.lrmd.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.pacer.cib.client.CibConnection;
import org.pacer.cib.client.CibConnections;
import org.pacer.cib.client.LiveConnections;
import org.pacer.cib.document.CibException;
import org.pacer.cib.ops.CibQuery;
import org.pacer.lrmd.agent.ExecStatus;
import org.pacer.lrmd.agent.OcfCode;
import org.pacer.lrmd.cib.CibFormatException;
import org.pacer.lrmd.cib.CibPrimitive;
import org.pacer.lrmd.cib.CibPrimitives;
import org.pacer.lrmd.executor.Executor;
import org.pacer.lrmd.executor.ExecutorHandle;
import org.pacer.lrmd.executor.ExecutorLimits;
import org.pacer.lrmd.executor.OperationRequest;
import org.pacer.lrmd.executor.OperationResult;
import org.pacer.lrmd.executor.ResourceDefinition;
import org.pacer.lrmd.executor.ThreadScheduler;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code crm resource force-start|force-stop|force-check|force-promote|force-demote RSC}: runs one
 * action of a resource defined in the CIB on this node, through the executor, with the resource's
 * parameters and the action's timeout; prints the result and exits with the agent's OCF code, as
 * {@code crm_resource --force-*} does. The way to try an agent without a cluster.
 */
public abstract class ResourceForceCommand implements Callable<Integer> {

  /** crm_resource's exit code when the resource does not exist. */
  public static final int EXIT_NO_SUCH_RESOURCE = 105;

  /** Exit code when the resource in the CIB cannot be used. */
  public static final int EXIT_CONFIG = 78;

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "RSC", description = "The resource id.")
  String resource;

  @Option(
      names = {"-V", "--trace"},
      description = "Trace the agent (OCF_TRACE_RA): its shell commands appear in its output.")
  boolean trace;

  private final CliEnvironment environment;
  private final String action;

  protected ResourceForceCommand(CliEnvironment environment, String action) {
    this.environment = environment;
    this.action = action;
  }

  /** The five commands, for the crm shell's resource level. */
  public static List<Class<? extends ResourceForceCommand>> commands() {
    return List.of(Start.class, Stop.class, Check.class, Promote.class, Demote.class);
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    CibPrimitive primitive;
    try (CibConnection cib =
        CibConnections.open(environment.environment(), Clock.systemUTC(), LiveConnections::open)) {
      Optional<CibPrimitive> found =
          CibPrimitives.parse(cib.query(CibQuery.whole())).primitive(resource);
      if (found.isEmpty()) {
        err.println("crm resource: Resource '" + resource + "' not found");
        err.println("Error performing operation: No such object");
        return EXIT_NO_SUCH_RESOURCE;
      }
      primitive = found.get();
    } catch (CibException e) {
      err.println("crm resource: " + e.getMessage());
      return e.error().exitCode();
    } catch (CibFormatException e) {
      err.println("crm resource: " + e.getMessage());
      return EXIT_CONFIG;
    }
    OperationResult result;
    try {
      result = run(primitive);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("crm resource: interrupted");
      return 1;
    } catch (ExecutionException | TimeoutException e) {
      err.println("crm resource: the executor failed: " + e);
      return 1;
    }
    String name = spec.name();
    String described = primitive.id() + " (" + primitive.agent() + ")";
    String output = result.outputTail();
    if (result.status() == ExecStatus.DONE) {
      out.println(
          "Operation "
              + name
              + " for "
              + described
              + " returned "
              + result.code().code()
              + " ("
              + result.code().description()
              + (result.exitReason().isEmpty() ? "" : ": " + result.exitReason())
              + ")");
      printOutput(out, output);
    } else {
      printOutput(out, output);
      err.println(
          "Operation "
              + name
              + " for "
              + described
              + " could not be executed ("
              + result.status().text()
              + ": "
              + result.exitReason()
              + ")");
    }
    out.flush();
    if (result.code() != OcfCode.OK) {
      err.println("Error performing operation: " + result.code().errorText());
    }
    err.flush();
    return result.code().code();
  }

  private static void printOutput(PrintWriter out, String output) {
    if (!output.isEmpty()) {
      out.print(output.endsWith("\n") ? output : output + "\n");
    }
  }

  private OperationResult run(CibPrimitive primitive)
      throws InterruptedException, ExecutionException, TimeoutException {
    CliEnvironment env =
        trace
            ? environment.with(Map.of("OCF_TRACE_RA", "1", "OCF_TRACE_FILE", "/dev/stderr"))
            : environment;
    try (CliEnvironment.Tools tools = env.tools();
        ThreadScheduler scheduler = new ThreadScheduler("crm-force-" + action)) {
      ExecutorLimits limits = new ExecutorLimits(1, 1, 1 << 20, 15_000);
      ExecutorHandle executor =
          new ExecutorHandle(
              new Executor(scheduler, tools.agents(), Clock.systemUTC(), limits, 1), scheduler);
      executor
          .register(
              new ResourceDefinition(
                  primitive.id(), primitive.agent(), primitive.parameters(), primitive.meta()))
          .get();
      long timeout = primitive.timeoutMs(action);
      return executor
          .execute(OperationRequest.of(primitive.id(), action, 0, timeout))
          .get(timeout + 60_000, TimeUnit.MILLISECONDS);
    }
  }

  /** {@code crm resource force-start RSC}. */
  @Command(name = "force-start", description = "Run the resource's start action here, now.")
  public static final class Start extends ResourceForceCommand {
    public Start() {
      this(CliEnvironment.system());
    }

    public Start(CliEnvironment environment) {
      super(environment, "start");
    }
  }

  /** {@code crm resource force-stop RSC}. */
  @Command(name = "force-stop", description = "Run the resource's stop action here, now.")
  public static final class Stop extends ResourceForceCommand {
    public Stop() {
      this(CliEnvironment.system());
    }

    public Stop(CliEnvironment environment) {
      super(environment, "stop");
    }
  }

  /** {@code crm resource force-check RSC}: a one-shot monitor. */
  @Command(name = "force-check", description = "Run the resource's monitor action here, now.")
  public static final class Check extends ResourceForceCommand {
    public Check() {
      this(CliEnvironment.system());
    }

    public Check(CliEnvironment environment) {
      super(environment, "monitor");
    }
  }

  /** {@code crm resource force-promote RSC}. */
  @Command(name = "force-promote", description = "Run the resource's promote action here, now.")
  public static final class Promote extends ResourceForceCommand {
    public Promote() {
      this(CliEnvironment.system());
    }

    public Promote(CliEnvironment environment) {
      super(environment, "promote");
    }
  }

  /** {@code crm resource force-demote RSC}. */
  @Command(name = "force-demote", description = "Run the resource's demote action here, now.")
  public static final class Demote extends ResourceForceCommand {
    public Demote() {
      this(CliEnvironment.system());
    }

    public Demote(CliEnvironment environment) {
      super(environment, "demote");
    }
  }
}
