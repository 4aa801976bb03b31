package org.pacer.cli.configure;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.pacer.cib.client.CibConnections;
import org.pacer.cib.client.LiveConnections;
import org.pacer.cib.document.CibException;
import org.pacer.cli.configure.session.CrmShell;
import org.pacer.cli.configure.session.ShadowCibs;
import org.pacer.cli.configure.session.ShellOptions;
import org.pacer.cli.configure.store.CibStore;
import org.pacer.cli.configure.store.ConnectionStore;

/**
 * crmsh's command line: {@code crm [-F] [-f FILE] [-w] [LEVEL [COMMAND ...]]}. With {@code -f}, the
 * file (or {@code -} for standard input) is a batch script; with words, they are one command (a
 * configure command is committed at once); with neither, standard input is the script.
 *
 * <p>The CIB is {@code CIB_file} when set, else the shadow named by {@code CIB_shadow}, else the
 * live cluster through the cib daemon.
 */
public final class CrmRunner {
  private final Map<String, String> env;
  private final InputStream stdin;
  private final PrintWriter out;
  private final PrintWriter err;
  private final Path cwd;

  public CrmRunner(
      Map<String, String> env, InputStream stdin, PrintWriter out, PrintWriter err, Path cwd) {
    this.env = env;
    this.stdin = stdin;
    this.out = out;
    this.err = err;
    this.cwd = cwd;
  }

  /**
   * Entry point for crmsh's global options ({@code crm -F -f FILE}); {@code Crm} can hand its
   * arguments here when they start with one of them.
   */
  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    CrmRunner r = new CrmRunner(System.getenv(), System.in, out, err, Path.of("").toAbsolutePath());
    r.terminal = System.console() != null;
    int rc = r.run(List.of(args));
    System.exit(rc);
  }

  public int run(List<String> args) {
    return run(args, null);
  }

  /**
   * @param level the level a script starts at (null: the top level)
   */
  public int run(List<String> args, String level) {
    ShellOptions o = new ShellOptions();
    o.workingDirectory = cwd;
    String file = null;
    int i = 0;
    for (; i < args.size(); i++) {
      String a = args.get(i);
      if (a.equals("-F") || a.equals("--force")) {
        o.force = true;
      } else if (a.equals("-w") || a.equals("--wait")) {
        // after each change, wait for the cluster to settle (nothing to wait for on a file)
        o.waitTimeout = o.waitTimeout != null ? o.waitTimeout : DEFAULT_WAIT;
      } else if (a.startsWith("--wait-timeout=")) {
        try {
          o.waitTimeout = java.time.Duration.ofSeconds(Long.parseLong(a.substring(15)));
        } catch (NumberFormatException e) {
          return usage("--wait-timeout needs a number of seconds, not " + a.substring(15));
        }
      } else if (a.equals("--keep-going")) {
        o.keepGoing = true;
      } else if (a.equals("-f") || a.equals("--file")) {
        if (i + 1 >= args.size()) {
          return usage("-f needs a file name (or - for standard input)");
        }
        file = args.get(++i);
      } else if (a.startsWith("--file=")) {
        file = a.substring(7);
      } else if (a.equals("-h") || a.equals("--help")) {
        out.println(
            "usage: crm [-F|--force] [-f|--file FILE] [-w|--wait] [--wait-timeout=S] [LEVEL [COMMAND ...]]\n"
                + "  Works on the CIB in $CIB_file (or the shadow CIB named by $CIB_shadow).");
        out.flush();
        return 0;
      } else if (a.startsWith("-") && !a.equals("-")) {
        return usage("unknown option " + a);
      } else {
        break;
      }
    }
    List<String> words = new ArrayList<>(args.subList(i, args.size()));
    CibStore store;
    try {
      store = store();
    } catch (IllegalStateException e) {
      err.println("ERROR: " + e.getMessage());
      err.flush();
      return 1;
    }
    o.cluster = cluster;
    o.colour = terminal && !"dumb".equals(env.get("TERM")) && env.get("NO_COLOR") == null;
    o.editor = env.get("EDITOR");
    o.cibLabel = label;
    o.agents = org.pacer.cli.configure.agents.OcfAgents.fromEnvironment(env);
    o.schedulerCheck = org.pacer.cli.configure.verify.SchedulerCheck::check;
    CrmShell shell = new CrmShell(store, o, out, err, stdin, new ShadowCibs(env, store));
    if (level != null) {
      shell.startIn(level);
    }
    if (file == null && words.isEmpty() && terminal) {
      try {
        return new org.pacer.cli.configure.interactive.InteractiveShell(
                shell,
                org.pacer.cli.configure.agents.OcfAgents.fromEnvironment(env),
                Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".crm_history"))
            .run();
      } catch (IOException e) {
        err.println("ERROR: the terminal cannot be used: " + e.getMessage());
        err.flush();
        return 1;
      }
    }
    String script;
    try {
      if (file != null) {
        script =
            file.equals("-")
                ? new String(stdin.readAllBytes(), StandardCharsets.UTF_8)
                : Files.readString(cwd.resolve(file), StandardCharsets.UTF_8);
      } else if (!words.isEmpty()) {
        script = quoteLine(words);
      } else {
        script = new String(stdin.readAllBytes(), StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      err.println(
          "ERROR: cannot read " + (file == null ? "standard input" : file) + ": " + e.getMessage());
      err.flush();
      return 1;
    }
    int rc = shell.runScript(script);
    out.flush();
    err.flush();
    return rc;
  }

  private int usage(String message) {
    err.println("ERROR: " + message);
    err.println("usage: crm [-F|--force] [-f|--file FILE] [-w|--wait] [LEVEL [COMMAND ...]]");
    err.flush();
    return 2;
  }

  /**
   * {@code CIB_file}, else the shadow {@code CIB_shadow}, else the live cluster, each through the
   * cib module's client (so writes follow the daemon's rules: schema, ACLs, versions).
   */
  private String label = "live";

  /**
   * Whether standard input is a terminal: then, with no command and no file, the shell is
   * interactive.
   */
  boolean terminal;

  /** Tells the runner it talks to a terminal (interactive shell, colour in crm status). */
  public CrmRunner terminal(boolean on) {
    this.terminal = on;
    return this;
  }

  /** How long -w waits for the cluster to settle unless --wait-timeout says otherwise. */
  static final java.time.Duration DEFAULT_WAIT = java.time.Duration.ofSeconds(300);

  /**
   * The cluster behind the CIB in use: the local controller, or the helper commands on the file.
   */
  private org.pacer.cli.configure.live.ClusterAccess cluster;

  private CibStore store() {
    Map<String, String> e = new java.util.HashMap<>(env);
    String file = env.get("CIB_file");
    if (file != null && !file.isBlank()) {
      e.put("CIB_file", cwd.resolve(file).toString());
      label = Path.of(file).getFileName().toString();
    } else {
      String shadow = env.get("CIB_shadow");
      if (shadow != null && !shadow.isBlank()) {
        e.put("CIB_file", ShadowCibs.shadowPath(env, shadow).toString());
      }
    }
    cluster =
        e.get("CIB_file") != null && !e.get("CIB_file").isBlank()
            ? new org.pacer.cli.configure.live.FileAccess(Path.of(e.get("CIB_file")), env)
            : new org.pacer.cli.configure.live.CrmdAccess(
                org.pacer.messaging.paths.NodePaths.resolve(null, env));
    try {
      return new ConnectionStore(CibConnections.open(e, Clock.systemUTC(), LiveConnections::open));
    } catch (CibException x) {
      throw new IllegalStateException(x.getMessage(), x);
    }
  }

  /** Words from the command line as one statement, each quoted so the lexer reads it back. */
  static String quoteLine(List<String> words) {
    StringBuilder b = new StringBuilder();
    for (String w : words) {
      if (b.length() > 0) {
        b.append(' ');
      }
      if (!w.isEmpty() && w.matches("[-A-Za-z0-9_.,:=/@#%+$]+")) {
        b.append(w);
      } else {
        b.append('\'').append(w.replace("'", "'\"'\"'")).append('\'');
      }
    }
    return b.append('\n').toString();
  }
}
