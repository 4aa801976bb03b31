package org.pacer.pengine.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.pacer.pengine.Simulator;
import org.pacer.pengine.graph.GraphXml;
import org.pacer.pengine.rules.CibTime;
import org.pacer.pengine.simulate.OpSpec;
import org.pacer.pengine.simulate.Simulation;
import org.pacer.pengine.unpack.CibException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code crm simulate}: crm_simulate's options over Pacer's scheduler. */
@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    description = "Show what the scheduler would do with a CIB, and simulate doing it.")
public final class SimulateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  /** The CIB file, or null for the live CIB (-L): whichever of -x and -L came last wins. */
  Path xmlFile;

  boolean live;

  @Option(
      names = {"-x", "--xml-file"},
      paramLabel = "FILE",
      description = "Read the CIB from FILE ('-' for stdin).")
  void xmlFile(Path file) {
    xmlFile = file;
    live = false;
  }

  @Option(
      names = {"-L", "--live-check"},
      description = "Read the CIB of the running cluster (the file CIB_file names, when set).")
  void live(boolean on) {
    live = on;
  }

  @Option(
      names = {"-R", "--run"},
      description = "Show the transition the scheduler computes.")
  boolean run;

  @Option(
      names = {"-S", "--simulate"},
      description = "Also simulate executing the transition and show the result.")
  boolean simulate;

  @Option(
      names = {"-s", "--show-scores"},
      description = "Show allocation scores.")
  boolean showScores;

  @Option(
      names = {"-G", "--save-graph"},
      paramLabel = "FILE",
      description = "Save the transition graph (XML) to FILE.")
  Path saveGraph;

  @Option(
      names = {"-D", "--save-dotfile"},
      paramLabel = "FILE",
      description = "Save the transition graph (dot) to FILE.")
  Path saveDot;

  @Option(
      names = {"-O", "--save-output"},
      paramLabel = "FILE",
      description = "Save the CIB after the simulation to FILE.")
  Path saveOutput;

  @Option(
      names = {"-i", "--op-inject"},
      paramLabel = "RSC_TASK_INTERVAL@NODE=RC",
      description = "Record this operation result before scheduling.")
  List<String> inject = new ArrayList<>();

  @Option(
      names = {"-F", "--op-fail"},
      paramLabel = "RSC_TASK_INTERVAL@NODE=RC",
      description = "Make this action fail with RC when simulating execution.")
  List<String> fail = new ArrayList<>();

  @Option(
      names = {"-u", "--node-up"},
      paramLabel = "NODE",
      description = "Bring a node online.")
  List<String> nodeUp = new ArrayList<>();

  @Option(
      names = {"-d", "--node-down"},
      paramLabel = "NODE",
      description = "Take a node offline (cleanly).")
  List<String> nodeDown = new ArrayList<>();

  @Option(
      names = {"-f", "--node-fail"},
      paramLabel = "NODE",
      description = "Fail a node (it becomes unclean).")
  List<String> nodeFail = new ArrayList<>();

  @Option(
      names = {"-t", "--set-datetime"},
      paramLabel = "DATETIME",
      description = "Evaluate rules and timeouts at this time (ISO 8601).")
  String dateTime;

  @Option(
      names = {"-P", "--profile"},
      paramLabel = "DIR",
      description = "Time the scheduler on every *.xml in DIR.")
  Path profile;

  @Option(
      names = {"-N", "--repeat"},
      paramLabel = "N",
      defaultValue = "1",
      description = "With -P, schedule each file N times.")
  int repeat;

  @Option(
      names = {"-Q", "--quiet"},
      description = "Show only the summary lines asked for.")
  boolean quiet;

  private final Clock clock;
  private final Map<String, String> env;

  public SimulateCommand() {
    this(Clock.systemUTC(), System.getenv());
  }

  SimulateCommand(Clock clock, Map<String, String> env) {
    this.clock = clock;
    this.env = env;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      if (profile != null) {
        return profile(out);
      }
      LocalDateTime now = now();
      String xml = CibSource.read(xmlFile, live, env);
      List<OpSpec> injected = parseSpecs(inject);
      List<OpSpec> failed = parseSpecs(fail);
      boolean execute = simulate || saveOutput != null;
      var req =
          new Simulation.Request(
              now, nodeUp, nodeDown, nodeFail, injected, failed, execute, saveOutput != null);
      Simulation.Result r = Simulation.run(xml, req);
      for (String w : r.transition().warnings()) {
        err.println("warning: " + w);
      }
      if (dateTime != null) {
        out.println("Setting effective cluster time: " + CibTime.display(now));
      }
      if (!quiet) {
        out.print(Simulator.report(r, run || simulate, simulate, showScores));
      } else if (showScores) {
        out.println("Allocation Scores:");
        r.transition().scores().forEach(out::println);
      }
      if (saveGraph != null) {
        CibSource.write(saveGraph, GraphXml.xml(r.graph()));
      }
      if (saveDot != null) {
        CibSource.write(saveDot, GraphXml.dot(r.graph()));
      }
      if (saveOutput != null) {
        CibSource.write(saveOutput, Simulation.toXml(r.revisedCib()));
      }
      out.flush();
      return ExitCodes.OK;
    } catch (CibException e) {
      for (String p : e.problems()) {
        err.println("error: " + p);
      }
      err.flush();
      return ExitCodes.CONFIG;
    } catch (CommandFailure e) {
      err.println("error: " + e.getMessage());
      err.flush();
      return e.exitCode;
    }
  }

  private LocalDateTime now() {
    if (dateTime == null) {
      return LocalDateTime.now(clock);
    }
    try {
      return CibTime.parse(dateTime);
    } catch (IllegalArgumentException e) {
      throw new CommandFailure(ExitCodes.USAGE, "--set-datetime: " + e.getMessage());
    }
  }

  private static List<OpSpec> parseSpecs(List<String> specs) {
    List<OpSpec> out = new ArrayList<>();
    for (String s : specs) {
      try {
        out.add(OpSpec.parse(s));
      } catch (IllegalArgumentException e) {
        throw new CommandFailure(ExitCodes.USAGE, e.getMessage());
      }
    }
    return out;
  }

  private int profile(PrintWriter out) {
    List<Path> files;
    try (var s = Files.list(profile)) {
      files = s.filter(p -> p.toString().endsWith(".xml")).sorted().toList();
    } catch (java.io.IOException e) {
      throw new CommandFailure(
          ExitCodes.NO_INPUT, "cannot list " + profile + ": " + e.getMessage());
    }
    LocalDateTime now = now();
    int status = ExitCodes.OK;
    for (Path f : files) {
      String xml = CibSource.read(f, false, env);
      long t0 = System.nanoTime();
      try {
        for (int i = 0; i < Math.max(1, repeat); i++) {
          Simulator.schedule(xml, now);
        }
        long us = (System.nanoTime() - t0) / 1000;
        out.printf("Testing %s ... %.2f secs%n", f, us / 1e6);
      } catch (CibException e) {
        out.printf("Testing %s ... error: %s%n", f, e.getMessage());
        status = ExitCodes.CONFIG;
      }
    }
    out.flush();
    return status;
  }
}
