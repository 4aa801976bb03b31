package org.pacer.cib.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.pacer.cib.client.CibConnection;
import org.pacer.cib.client.CibConnections;
import org.pacer.cib.document.CibError;
import org.pacer.cib.document.CibException;
import org.pacer.cib.document.CibSection;
import org.pacer.cib.document.CibVersion;
import org.pacer.cib.ops.CibQuery;
import org.pacer.cib.ops.CibWrite;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code crm cib}: query and edit the CIB with cibadmin's options and exit codes. With {@code
 * CIB_file=PATH} in the environment every command works on that file, with no cluster.
 */
@Command(
    name = "cib",
    versionProvider = CibCommand.Version.class,
    exitCodeOnInvalidInput = 64,
    exitCodeOnExecutionException = 1,
    description = {
      "Query and edit the Cluster Information Base, with cibadmin's options.",
      "With CIB_file=PATH set, work on that file instead of the live cluster."
    })
public final class CibCommand implements Callable<Integer> {

  /** Exactly one action, as with cibadmin. */
  static final class Action {
    @Option(
        names = {"-Q", "--query"},
        description = "Query the CIB (whole, --scope or --xpath).")
    boolean query;

    @Option(
        names = {"-C", "--create"},
        description = "Create an object in the --scope section.")
    boolean create;

    @Option(
        names = {"-M", "--modify"},
        description = "Merge XML into the object with the same id.")
    boolean modify;

    @Option(
        names = {"-R", "--replace"},
        description = "Replace an object, a section or the whole CIB.")
    boolean replace;

    @Option(
        names = {"-D", "--delete"},
        description = "Delete the object matching the XML or --xpath.")
    boolean delete;

    @Option(
        names = {"-E", "--erase"},
        description = "Erase the whole CIB (needs --force).")
    boolean erase;

    @Option(
        names = {"-B", "--bump"},
        description = "Increase the CIB's epoch.")
    boolean bump;
  }

  @ArgGroup(exclusive = true, multiplicity = "1")
  Action action;

  @Option(
      names = {"-o", "--scope"},
      paramLabel = "SECTION",
      description = "Limit to a section: ${COMPLETION-CANDIDATES}.",
      completionCandidates = Scopes.class)
  String scope;

  @Option(
      names = {"-A", "--xpath"},
      paramLabel = "XPATH",
      description = "Select with an XPath.")
  String xpath;

  @Option(
      names = {"-X", "--xml-text"},
      paramLabel = "XML",
      description = "XML given on the command line.")
  String xmlText;

  @Option(
      names = {"-x", "--xml-file"},
      paramLabel = "FILE",
      description = "XML read from a file.")
  Path xmlFile;

  @Option(
      names = {"-p", "--xml-pipe"},
      description = "XML read from standard input.")
  boolean xmlPipe;

  @Option(
      names = {"-f", "--force"},
      description = "Allow dangerous requests (erase).")
  boolean force;

  @Option(
      names = {"-c", "--allow-create"},
      description = "With --modify: create the object when absent.")
  boolean allowCreate;

  @Option(
      names = {"-e", "--no-children"},
      description = "With --query: only the selected elements themselves.")
  boolean noChildren;

  @Option(
      names = "--node-path",
      description = "With --query --xpath: print the paths of the matches.")
  boolean nodePath;

  @Option(
      names = {"-l", "--local"},
      description = "Accepted for cibadmin compatibility; every node answers from its own copy.")
  boolean local;

  /*
   * Help and version are declared by hand rather than with picocli's standard mixin: the mixin
   * claims -V for --version, which clashes with cibadmin's -V (--verbose) and made picocli drop
   * --help altogether. As with cibadmin: -?/--help, -$/--version, -V/--verbose.
   */
  @Option(
      names = {"-h", "-?", "--help"},
      usageHelp = true,
      description = "Show this help and exit.")
  boolean help;

  @Option(
      names = {"-$", "--version"},
      versionHelp = true,
      description = "Print the version and exit.")
  boolean version;

  @Option(
      names = {"-V", "--verbose"},
      description = "Print the CIB version after a write.")
  boolean verbose;

  @Option(
      names = "--based-on",
      paramLabel = "VERSION",
      description =
          "Refuse the write unless the CIB is still at VERSION (admin_epoch.epoch.num_updates).")
  String basedOn;

  @Spec CommandLine.Model.CommandSpec spec;

  private final Map<String, String> env;
  private final InputStream stdin;
  private final Clock clock;
  private final Function<Map<String, String>, CibConnection> live;

  /** For the shell: the live cluster (or CIB_file), the process environment and standard input. */
  public CibCommand() {
    this(org.pacer.cib.client.LiveConnections::open);
  }

  /** For the shell: the process environment and standard input. */
  public CibCommand(Function<Map<String, String>, CibConnection> live) {
    this(System.getenv(), System.in, Clock.systemUTC(), live);
  }

  public CibCommand(
      Map<String, String> env,
      InputStream stdin,
      Clock clock,
      Function<Map<String, String>, CibConnection> live) {
    this.env = env;
    this.stdin = stdin;
    this.clock = clock;
    this.live = live;
  }

  /** Runs {@code crm cib ARGS} against a connection factory; returns the exit code. */
  public static int run(
      Map<String, String> env,
      InputStream stdin,
      PrintWriter out,
      PrintWriter err,
      Function<Map<String, String>, CibConnection> live,
      String... args) {
    CommandLine cmd = new CommandLine(new CibCommand(env, stdin, Clock.systemUTC(), live));
    cmd.setOut(out);
    cmd.setErr(err);
    return cmd.execute(args);
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      CibSection section = section();
      try (CibConnection cib = CibConnections.open(env, clock, live)) {
        if (action.query) {
          out.print(cib.query(new CibQuery(section, xpath, nodePath, noChildren)));
          out.flush();
          return 0;
        }
        CibVersion version = cib.write(write(section), basedOn == null ? null : parseVersion());
        if (verbose) {
          out.println("CIB version " + version);
          out.flush();
        }
        return 0;
      }
    } catch (CibException e) {
      err.println("crm cib: " + e.describe());
      err.flush();
      return e.error().exitCode();
    }
  }

  private CibWrite write(CibSection section) {
    if (action.create) {
      return new CibWrite.Create(section, requireXml("--create"));
    }
    if (action.modify) {
      return new CibWrite.Modify(section, xpath, requireXml("--modify"), allowCreate);
    }
    if (action.replace) {
      return new CibWrite.Replace(section, xpath, requireXml("--replace"));
    }
    if (action.delete) {
      String xml = xml();
      if (xml == null && xpath == null) {
        throw new CibException(CibError.USAGE, "--delete needs XML naming the object, or --xpath");
      }
      return new CibWrite.Delete(section, xpath, xml);
    }
    if (action.erase) {
      return new CibWrite.Erase(force);
    }
    return new CibWrite.Bump();
  }

  private CibSection section() {
    if (scope == null) {
      return null;
    }
    return CibSection.byTag(scope)
        .orElseThrow(
            () ->
                new CibException(
                    CibError.USAGE,
                    "unknown scope '" + scope + "'; use one of: " + CibSection.names()));
  }

  private CibVersion parseVersion() {
    try {
      return CibVersion.parse(basedOn);
    } catch (IllegalArgumentException e) {
      throw new CibException(CibError.USAGE, "--based-on: " + e.getMessage());
    }
  }

  private String requireXml(String option) {
    String xml = xml();
    if (xml == null) {
      throw new CibException(
          CibError.USAGE, option + " needs XML: --xml-text, --xml-file or --xml-pipe");
    }
    return xml;
  }

  /** The XML from whichever of -X, -x, -p was given, or null. */
  private String xml() {
    int given = (xmlText != null ? 1 : 0) + (xmlFile != null ? 1 : 0) + (xmlPipe ? 1 : 0);
    if (given > 1) {
      throw new CibException(
          CibError.USAGE, "give XML only once: --xml-text, --xml-file or --xml-pipe");
    }
    try {
      if (xmlText != null) {
        return xmlText;
      }
      if (xmlFile != null) {
        return Files.readString(xmlFile, StandardCharsets.UTF_8);
      }
      if (xmlPipe) {
        return new String(stdin.readAllBytes(), StandardCharsets.UTF_8);
      }
      return null;
    } catch (NoSuchFileException e) {
      throw new CibException(CibError.MALFORMED, "cannot read XML: " + xmlFile + " does not exist");
    } catch (IOException e) {
      throw new CibException(CibError.MALFORMED, "cannot read XML: " + e.getMessage());
    }
  }

  /** The version the build stamped into the jar's manifest, when there is one. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = CibCommand.class.getPackage().getImplementationVersion();
      return new String[] {"crm cib (Pacer) " + (v == null ? "(development build)" : v)};
    }
  }

  /** Scope names for help and completion. */
  static final class Scopes implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return java.util.Arrays.stream(CibSection.values()).map(CibSection::tag).iterator();
    }
  }
}
