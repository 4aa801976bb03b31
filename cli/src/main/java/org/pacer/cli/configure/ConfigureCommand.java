package org.pacer.cli.configure;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code crm configure [COMMAND ...]}: one configure command (committed at once), or, with no
 * command, the configure-level script on standard input. The words are taken as they are, since
 * scores such as {@code -inf:} look like options.
 */
@Command(
    name = "configure",
    description = "Configure the cluster in crmsh's configure language (CIB_file=PATH for a file).")
public final class ConfigureCommand implements Callable<Integer> {

  @CommandLine.Unmatched List<String> words = new ArrayList<>();

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<String> args = new ArrayList<>();
    List<String> rest = new ArrayList<>(words);
    // crm's global options may come after the level too: crm configure -F ...
    while (!rest.isEmpty()
        && (rest.get(0).equals("-F")
            || rest.get(0).equals("--force")
            || rest.get(0).equals("-w")
            || rest.get(0).equals("--wait"))) {
      args.add(rest.remove(0));
    }
    if (rest.isEmpty()) {
      // no command: the configure level, at the terminal or from a script on standard input
      CrmRunner r = runner(out, err, System.in);
      r.terminal = System.console() != null;
      if (!r.terminal) {
        args.add("-f");
        args.add("-");
      }
      return r.run(args, "configure");
    }
    args.add("configure");
    args.addAll(rest);
    return runner(out, err, System.in).run(args);
  }

  private static CrmRunner runner(PrintWriter out, PrintWriter err, java.io.InputStream in) {
    return new CrmRunner(System.getenv(), in, out, err, Path.of("").toAbsolutePath());
  }
}
