package org.pacer.cli.configure.session;

import java.io.InputStream;
import java.io.PrintWriter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.pacer.cli.configure.parse.Lexer;
import org.pacer.cli.configure.parse.ParseException;
import org.pacer.cli.configure.parse.Statement;
import org.pacer.cli.configure.parse.Token;
import org.pacer.cli.configure.store.CibStore;
import org.pacer.cli.configure.store.CibStoreException;

/**
 * A crm session in batch mode: statements from a file or standard input, with crmsh's levels
 * ({@code configure}, {@code resource}, {@code node}, {@code options}; {@code up}, {@code cd},
 * {@code end}, {@code quit}). Leaving the configure level commits what it staged, as crmsh does.
 * The first error stops the session with exit code 1 unless {@code keepGoing} is set.
 */
public final class CrmShell {
  private CibStore store;
  private final ShadowCibs shadows;
  private final ShellOptions options;
  private final PrintWriter out;
  private final PrintWriter err;
  private final InputStream stdin;
  private final Deque<String> levels = new ArrayDeque<>();
  private ConfigureSession configure;
  private boolean failed;

  public CrmShell(
      CibStore store, ShellOptions options, PrintWriter out, PrintWriter err, InputStream stdin) {
    this(store, options, out, err, stdin, new ShadowCibs(System.getenv(), store));
  }

  public CrmShell(
      CibStore store,
      ShellOptions options,
      PrintWriter out,
      PrintWriter err,
      InputStream stdin,
      ShadowCibs shadows) {
    this.store = store;
    this.shadows = shadows;
    this.options = options;
    this.out = out;
    this.err = err;
    this.stdin = stdin;
  }

  /** The prompt crmsh shows: {@code crm(live)configure# }. */
  public String prompt() {
    String where = currentShadow != null ? currentShadow : options.cibLabel;
    List<String> path = new java.util.ArrayList<>(levels);
    java.util.Collections.reverse(path);
    return "crm(" + where + ")" + String.join("/", path) + "# ";
  }

  /** The level commands are read at ("" for the top). */
  public String currentLevel() {
    return level();
  }

  /** Runs one line typed at a terminal; false if it failed (the shell goes on either way). */
  public boolean runLine(String text) {
    List<Statement> statements;
    try {
      statements = Lexer.split(text);
    } catch (ParseException e) {
      error(e.getMessage());
      return false;
    }
    boolean ok = true;
    for (Statement s : statements) {
      ok &= runStatement(s);
      if (quit) {
        break;
      }
    }
    return ok;
  }

  public boolean quitRequested() {
    return quit;
  }

  public boolean hasPendingChanges() {
    return configure != null && configure.hasChanges();
  }

  /** Commits what the configure level staged (the end of an interactive session, if wanted). */
  public boolean commitPending() {
    try {
      configure.commit(options.force);
      return true;
    } catch (EditException | CibStoreException e) {
      error(e.getMessage());
      return false;
    }
  }

  /** The CIB as the shell sees it now (staged changes included), for completion. */
  public org.w3c.dom.Document currentCib() throws CibStoreException {
    return configure != null ? configure.working() : store.read();
  }

  /** Starts the session at a level, as {@code crm configure < script} does. */
  public void startIn(String level) {
    levels.push(level);
  }

  /** Runs a whole script; returns the exit code (0, or 1 after any error). */
  public int runScript(String text) {
    List<Statement> statements;
    try {
      statements = Lexer.split(text);
    } catch (ParseException e) {
      error(e.getMessage());
      return 1;
    }
    for (Statement s : statements) {
      if (!runStatement(s)) {
        if (!options.keepGoing) {
          return 1;
        }
      }
      if (quit) {
        break;
      }
    }
    finish();
    return failed ? 1 : 0;
  }

  private boolean quit;

  /** Runs one statement at the current level; false if it failed. */
  public boolean runStatement(Statement s) {
    try {
      dispatch(s, s.tokens());
      return true;
    } catch (ParseException | EditException | CibStoreException e) {
      String m = e.getMessage();
      error(m.startsWith("line ") ? m : "line " + s.line() + ": " + m);
      return false;
    }
  }

  private void error(String message) {
    failed = true;
    err.println("ERROR: " + message);
    err.flush();
  }

  private String level() {
    return levels.isEmpty() ? "" : levels.peek();
  }

  private void dispatch(Statement s, List<Token> words)
      throws ParseException, EditException, CibStoreException {
    String w = words.get(0).text();
    switch (w) {
      case "help", "ls" -> {
        out.println(String.join(" ", Levels.commands(level())));
        out.flush();
        return;
      }
      case "quit", "exit", "bye" -> {
        leaveAll();
        quit = true;
        return;
      }
      case "options" -> {
        if (words.size() > 1) {
          option(words.subList(1, words.size()));
        } else {
          levels.push("options");
        }
        return;
      }
      case "up", "end" -> {
        leave();
        return;
      }
      case "cd" -> {
        String to = words.size() > 1 ? words.get(1).text() : "";
        if (to.equals("..") || to.isEmpty()) {
          leave();
        } else {
          enter(to, s, words.subList(1, words.size()));
        }
        return;
      }
      default -> {}
    }
    String level = level();
    if (level.equals("cib") || (level.equals("configure") && w.equals("cib"))) {
      shadow(level.equals("cib") ? words : words.subList(1, words.size()));
      return;
    }
    if (level.equals("configure")) {
      session().run(sub(s, words));
      return;
    }
    if (level.equals("options")) {
      option(words);
      return;
    }

    if (level.equals("resource") || level.equals("node")) {
      levelCommand(level, s, words);
      return;
    }
    enter(w, s, words);
  }

  /** A top-level word: enter the level, or run the rest of the line there and come back. */
  private void enter(String level, Statement s, List<Token> words)
      throws ParseException, EditException, CibStoreException {
    if (level.equals("status")) {
      status(words.subList(1, words.size()));
      return;
    }
    switch (level) {
      case "configure", "options", "resource", "node", "cib" -> {}
      default -> throw new ParseException(s.line(), "unknown command \"" + level + "\"");
    }
    if (words.size() == 1) {
      levels.push(level);
      return;
    }
    List<Token> rest = words.subList(1, words.size());
    switch (level) {
      case "configure" -> {
        ConfigureSession c = session();
        c.run(sub(s, rest));
        if (c.hasChanges()) {
          c.commit(options.force);
        }
      }
      case "options" -> option(rest);
      case "cib" -> shadow(rest);
      default -> levelCommand(level, s, rest);
    }
  }

  private void levelCommand(String level, Statement s, List<Token> words)
      throws ParseException, EditException, CibStoreException {
    ConfigureSession c = session();
    if (c.hasChanges()) {
      c.commit(options.force);
    }
    new ClusterCommands(store, options, out, err).run(level, s.line(), words);
    c.refresh();
  }

  /** {@code status [option ...]}: crm_mon's view of the cluster (or of the CIB file). */
  private void status(List<Token> words) throws EditException, CibStoreException {
    if (options.cluster == null) {
      throw new EditException("status: no cluster to ask (set CIB_file or run on a cluster node)");
    }
    pendingFirst();
    List<String> w = new java.util.ArrayList<>();
    words.forEach(t -> w.add(t.text()));
    int rc =
        new org.pacer.cli.configure.live.StatusView(options.cluster)
            .colour(options.colour)
            .run(w, out, err);
    if (rc != 0) {
      throw new EditException("status: crm_mon exited with " + rc);
    }
  }

  /** The cib level: shadow CIBs. */
  private void shadow(List<Token> words) throws EditException, CibStoreException {
    if (words.isEmpty()) {
      throw new EditException("cib: expected new, use, commit, diff, list, delete or reset");
    }
    String cmd = words.get(0).text();
    List<String> args = new java.util.ArrayList<>();
    for (Token t : words.subList(1, words.size())) {
      args.add(t.text());
    }
    String name = args.isEmpty() ? null : args.get(0);
    switch (cmd) {
      case "new" -> {
        if (name == null) {
          throw new EditException("cib new: expected a name");
        }
        shadows.create(name, args.contains("empty"), args.contains("force"));
        use(name);
        err.println("INFO: " + name + " shadow CIB created");
      }
      case "use" -> use(name == null ? "live" : name);
      case "commit" -> {
        String n = name != null ? name : currentShadow;
        if (n == null) {
          throw new EditException("cib commit: which shadow CIB?");
        }
        pendingFirst();
        shadows.commit(n);
        err.println("INFO: committed '" + n + "' shadow CIB to the cluster");
        configure = null; // read again: the CIB in use may be the one just written
      }
      case "diff" -> {
        String n = name != null ? name : currentShadow;
        if (n == null) {
          throw new EditException("cib diff: which shadow CIB?");
        }
        pendingFirst();
        shadows.diff(n, out);
      }
      case "list" -> {
        for (String s : shadows.list()) {
          out.println(s.equals(currentShadow) ? s + " *" : s);
        }
        out.flush();
      }
      case "delete" -> {
        if (name == null) {
          throw new EditException("cib delete: expected a name");
        }
        if (name.equals(currentShadow)) {
          throw new EditException("cib delete: " + name + " is in use; cib use live first");
        }
        shadows.delete(name);
      }
      case "reset" -> {
        String n = name != null ? name : currentShadow;
        if (n == null) {
          throw new EditException("cib reset: which shadow CIB?");
        }
        shadows.reset(n);
        if (n.equals(currentShadow) && configure != null) {
          configure.refresh();
        }
      }
      default -> throw new EditException("cib: unknown command " + cmd);
    }
    err.flush();
  }

  private String currentShadow;

  private void pendingFirst() throws EditException, CibStoreException {
    if (configure != null && configure.hasChanges()) {
      configure.commit(options.force);
    }
  }

  /** Later commands work on the shadow (or, for "live", on the CIB itself). */
  private void use(String name) throws EditException, CibStoreException {
    if (configure != null && configure.hasChanges()) {
      throw new EditException("there are changes not committed; commit or refresh them first");
    }
    if (name.equals("live")) {
      store = shadows.live();
      currentShadow = null;
    } else {
      store = shadows.store(name);
      currentShadow = name;
    }
    configure = null;
  }

  private static Statement sub(Statement s, List<Token> words) {
    return new Statement(words, s.line(), s.comments(), s.text());
  }

  private ConfigureSession session() throws CibStoreException {
    if (configure == null) {
      configure = new ConfigureSession(store, options, out, err, stdin);
    }
    return configure;
  }

  private void option(List<Token> words) throws EditException {
    if (words.size() != 2) {
      throw new EditException("options: expected NAME VALUE");
    }
    String name = words.get(0).text();
    String value = words.get(1).text();
    switch (name) {
      case "sort_elements", "sort-elements" ->
          options.sortElements = value.equals("true") || value.equals("yes");
      case "manage-children", "manage_children" -> options.manageChildren = value;
      case "editor" -> options.editor = value;
      default -> {
        // crmsh has many display options (colors, pager, ...); none changes the CIB
      }
    }
  }

  private void leave() throws EditException, CibStoreException {
    String level = levels.isEmpty() ? "" : levels.pop();
    if (level.equals("configure") && configure != null && configure.hasChanges()) {
      configure.commit(options.force);
    }
  }

  private void leaveAll() throws EditException, CibStoreException {
    while (!levels.isEmpty()) {
      leave();
    }
  }

  /** End of input leaves every level, so staged changes are committed, as crmsh does. */
  private void finish() {
    if (configure != null && configure.hasChanges()) {
      try {
        configure.commit(options.force);
      } catch (EditException | CibStoreException e) {
        error(e.getMessage());
      }
    }
  }
}
