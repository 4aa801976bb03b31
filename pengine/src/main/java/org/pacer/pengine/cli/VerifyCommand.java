package org.pacer.pengine.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.pacer.pengine.Simulator;
import org.pacer.pengine.model.Cib;
import org.pacer.pengine.model.ClusterOption;
import org.pacer.pengine.model.NvSet;
import org.pacer.pengine.model.ResourceDef;
import org.pacer.pengine.rules.RuleContext;
import org.pacer.pengine.scheduler.Transition;
import org.pacer.pengine.unpack.CibException;
import org.pacer.pengine.unpack.CibParser;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code crm verify}: checks a CIB the way crm_verify does; errors by id, exit 78 on errors. */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = "Check a CIB for errors and warnings.")
public final class VerifyCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  /** The CIB file, or null for the live CIB (-L): whichever of -x and -L came last wins. */
  Path xmlFile;

  boolean live;

  @Option(
      names = {"-x", "--xml-file"},
      paramLabel = "FILE",
      description = "Check the CIB in FILE ('-' for stdin).")
  void xmlFile(Path file) {
    xmlFile = file;
    live = false;
  }

  @Option(
      names = {"-L", "--live-check"},
      description = "Check the CIB of the running cluster (the file CIB_file names, when set).")
  void live(boolean on) {
    live = on;
  }

  @Option(
      names = {"-V", "--verbose"},
      description = "Also show warnings.")
  boolean verbose;

  private final Clock clock;
  private final Map<String, String> env;

  public VerifyCommand() {
    this(Clock.systemUTC(), System.getenv());
  }

  VerifyCommand(Clock clock, Map<String, String> env) {
    this.clock = clock;
    this.env = env;
  }

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    try {
      String xml = CibSource.read(xmlFile, live, env);
      Cib cib = CibParser.parse(xml);
      List<String> errors = new ArrayList<>();
      List<String> warnings = new ArrayList<>(cib.warnings());
      Transition t = Simulator.schedule(cib, LocalDateTime.now(clock));
      warnings.addAll(t.warnings());
      var opts = NvSet.resolve(cib.clusterProperties(), RuleContext.at(LocalDateTime.now(clock)));
      String stonith = opts.getOrDefault("stonith-enabled", "true");
      if (ClusterOption.isTrue(stonith) && !hasFencing(cib.resources())) {
        errors.add("Resource start-up disabled since no STONITH resources have been defined");
        errors.add("Either configure some or disable STONITH with the stonith-enabled option");
        errors.add("NOTE: Clusters with shared data need STONITH to ensure data integrity");
      }
      for (String e : errors) {
        err.println("error: " + e);
      }
      if (verbose) {
        for (String w : warnings) {
          err.println("warning: " + w);
        }
      }
      if (!errors.isEmpty()) {
        err.println("Errors found during check: config not valid");
        if (!verbose && !warnings.isEmpty()) {
          err.println("  -V may provide more details");
        }
        err.flush();
        return ExitCodes.CONFIG;
      }
      if (!warnings.isEmpty() && !verbose) {
        err.println("Warnings found during check: config may not be valid");
        err.println("  -V may provide more details");
      }
      err.flush();
      return ExitCodes.OK;
    } catch (CibException e) {
      for (String p : e.problems()) {
        err.println("error: " + p);
      }
      err.println("Errors found during check: config not valid");
      err.flush();
      return ExitCodes.CONFIG;
    } catch (CommandFailure e) {
      err.println("error: " + e.getMessage());
      err.flush();
      return e.exitCode;
    }
  }

  private static boolean hasFencing(List<ResourceDef> rs) {
    for (ResourceDef r : rs) {
      if (r instanceof ResourceDef.Primitive p && "stonith".equals(p.cls())) {
        return true;
      }
      if (r instanceof ResourceDef.Group g && hasFencing(new ArrayList<>(g.children()))) {
        return true;
      }
      if (r instanceof ResourceDef.Clone c && hasFencing(List.of(c.child()))) {
        return true;
      }
    }
    return false;
  }
}
