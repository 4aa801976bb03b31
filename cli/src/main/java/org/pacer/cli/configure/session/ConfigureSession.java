package org.pacer.cli.configure.session;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.pacer.cli.configure.agents.AgentChecks;
import org.pacer.cli.configure.model.Command;
import org.pacer.cli.configure.model.Definition;
import org.pacer.cli.configure.parse.ConfigureParser;
import org.pacer.cli.configure.parse.ParseException;
import org.pacer.cli.configure.parse.Statement;
import org.pacer.cli.configure.store.CibFile;
import org.pacer.cli.configure.store.CibStore;
import org.pacer.cli.configure.store.CibStoreException;
import org.pacer.cli.configure.store.CibXml;
import org.pacer.cli.configure.verify.SchedulerCheck;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The configure level: a working copy of the CIB that commands change, written back as one
 * replacement of the configuration on {@code commit}. Every command either applies whole or leaves
 * the working copy as it was.
 */
public final class ConfigureSession {
  private final CibStore store;
  private final PrintWriter out;
  private final PrintWriter err;
  private final ShellOptions options;
  private final InputStream stdin;
  private Document work;
  private Document committed;
  private String baseEpoch;

  /** Ids of {@link #work}; made again whenever {@code work} is another document. */
  private IdIndex index;

  private Document indexed;

  public ConfigureSession(
      CibStore store, ShellOptions options, PrintWriter out, PrintWriter err, InputStream stdin)
      throws CibStoreException {
    this.store = store;
    this.options = options;
    this.out = out;
    this.err = err;
    this.stdin = stdin;
    refresh();
  }

  /** Drops staged changes and reads the CIB again. */
  public void refresh() throws CibStoreException {
    committed = store.read();
    retired.clear();
    work = (Document) committed.cloneNode(true);
    baseEpoch = CibFile.epochOf(committed);
  }

  public Document working() {
    return work;
  }

  public boolean hasChanges() {
    Cib a = new Cib(committed);
    Cib b = new Cib(work);
    return !ObjectPrinter.canonical(a.configuration())
            .equals(ObjectPrinter.canonical(b.configuration()))
        || !CibXml.printCompact(a.configuration()).equals(CibXml.printCompact(b.configuration()));
  }

  /** Parses and runs one statement. */
  public void run(Statement s) throws ParseException, EditException, CibStoreException {
    execute(ConfigureParser.parse(s));
  }

  public void execute(Command c) throws EditException, CibStoreException {
    if (c instanceof Command.Define || c instanceof Command.Monitor || c instanceof Command.Show) {
      // these check everything before they touch the document, so no copy is needed to undo
      dispatch(c);
      return;
    }
    Document before = (Document) work.cloneNode(true);
    try {
      dispatch(c);
    } catch (EditException | CibStoreException | RuntimeException e) {
      work = before;
      throw e;
    }
  }

  private Cib cib() {
    if (index == null || indexed != work) {
      index = IdIndex.of(work);
      indexed = work;
    }
    return new Cib(work, index);
  }

  private CibEditor editor() {
    return new CibEditor(cib(), retired);
  }

  /**
   * Ids that sub-elements had before an update replaced them. crmsh does not hand them out again in
   * the same session, so neither do we (the ids it gives depend on it).
   */
  private final java.util.Set<String> retired = new java.util.HashSet<>();

  private void dispatch(Command c) throws EditException, CibStoreException {
    if (c instanceof Command.Define d) {
      // comments are kept only from files and edited text, as crmsh does
      editor().define(d.definition(), List.of(), false);
      if (options.force && setsMaintenanceMode(d.definition())) {
        // cluster-wide maintenance makes the per-resource and per-node flags redundant; crmsh
        // offers to remove them and -F says yes
        AttributeEditor attrs = new AttributeEditor(cib());
        ClusterCommands.removeEverywhere(cib(), attrs, "maintenance");
        Element nodes = cib().sectionIfPresent("nodes");
        if (nodes != null) {
          for (Element n : CibXml.children(nodes)) {
            attrs.remove(n, "instance_attributes", "maintenance", true);
          }
        }
      }
    } else if (c instanceof Command.Monitor m) {
      editor().monitor(m.rsc(), m.role(), m.interval(), m.timeout());
    } else if (c instanceof Command.Show s) {
      show(s.xml(), s.selectors(), out);
    } else if (c instanceof Command.Save s) {
      save(s);
    } else if (c instanceof Command.Load l) {
      load(l);
    } else if (c instanceof Command.Commit k) {
      commit(k.force());
    } else if (c instanceof Command.Verify) {
      List<String> problems = new ArrayList<>(Verifier.check(cib()));
      problems.addAll(AgentChecks.check(cib().configuration(), options.agents));
      SchedulerCheck.Findings f = options.schedulerCheck.apply(work);
      problems.addAll(f.errors());
      f.warnings().forEach(w -> err.println("WARNING: " + w));
      problems.forEach(p -> err.println("ERROR: " + p));
      if (!problems.isEmpty()) {
        throw new EditException("verify found " + problems.size() + " problem(s)");
      }
    } else if (c instanceof Command.Delete d) {
      for (String also : new Mutations(cib()).delete(d.ids())) {
        err.println("INFO: " + also + " removed with it");
      }
    } else if (c instanceof Command.Rename r) {
      new Mutations(cib()).rename(r.from(), r.to());
    } else if (c instanceof Command.Erase e) {
      new Mutations(cib()).erase(e.nodes());
    } else if (c instanceof Command.Set s) {
      new Mutations(cib()).set(s.path(), s.value());
    } else if (c instanceof Command.Modgroup m) {
      new Mutations(cib()).modgroup(m.group(), m.add(), m.rsc(), m.position(), m.ref());
    } else if (c instanceof Command.Filter f) {
      filter(f);
    } else if (c instanceof Command.Edit e) {
      edit(e);
    } else if (c instanceof Command.Refresh) {
      refresh();
    } else {
      throw new EditException("unsupported command " + c);
    }
  }

  private static boolean setsMaintenanceMode(Definition d) {
    if (d instanceof Definition.ClusterSet cs
        && cs.set().kind() == org.pacer.cli.configure.model.SetKind.PROPERTY) {
      for (org.pacer.cli.configure.model.NvPair p : cs.set().pairs()) {
        if ("maintenance-mode".equals(p.name()) && "true".equals(p.value())) {
          return true;
        }
      }
    }
    return false;
  }

  /** The text of the selected objects, one statement each. */
  public String text(List<String> selectors) throws EditException {
    return text(selectors, false);
  }

  /** See {@link ConfigurationText#text}. */
  String text(List<String> selectors, boolean siblingComments) throws EditException {
    Cib cib = cib();
    List<Element> objects =
        Selection.sorted(Selection.select(cib, selectors, this::changed), options.sortElements);
    return ConfigurationText.text(cib, retired, objects, siblingComments);
  }

  private boolean changed(Element e) {
    Element old = new Cib(committed).object(Cib.objectId(e));
    return old == null || !ObjectPrinter.canonical(old).equals(ObjectPrinter.canonical(e));
  }

  void show(boolean xml, List<String> selectors, PrintWriter to) throws EditException {
    if (xml) {
      Cib cib = cib();
      if (selectors.isEmpty()) {
        to.print(CibXml.print(work.getDocumentElement()));
      } else {
        for (Element e : Selection.select(cib, selectors, this::changed)) {
          to.print(CibXml.print(e));
        }
      }
    } else {
      to.print(text(selectors, true));
    }
    to.flush();
  }

  private void save(Command.Save s) throws EditException {
    String content;
    if (s.xml()) {
      java.io.StringWriter w = new java.io.StringWriter();
      show(true, s.selectors(), new PrintWriter(w));
      content = w.toString();
    } else {
      content = text(s.selectors(), true);
    }
    if (s.file().equals("-")) {
      out.print(content);
      out.flush();
      return;
    }
    Path p = options.workingDirectory.resolve(s.file());
    try {
      Files.writeString(p, content, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new EditException("save: cannot write " + p + ": " + e.getMessage());
    }
  }

  private String readSource(String source) throws EditException {
    try {
      if (source.equals("-")) {
        return new String(stdin.readAllBytes(), StandardCharsets.UTF_8);
      }
      return Files.readString(options.workingDirectory.resolve(source), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new EditException("load: cannot read " + source + ": " + e.getMessage());
    }
  }

  private void load(Command.Load l) throws EditException {
    String text = readSource(l.source());
    boolean replace = !l.method().equals("update");
    if (l.xml() || text.stripLeading().startsWith("<")) {
      new DefinitionLoader(cib(), editor()).loadXml(text, replace);
      return;
    }
    List<Command.Define> defs = DefinitionLoader.parse(text, "load");
    DefinitionLoader loader = new DefinitionLoader(cib(), editor());
    if (replace) {
      loader.replaceAll(defs);
    } else {
      loader.update(defs);
    }
  }

  private void filter(Command.Filter f) throws EditException {
    String before = text(f.selectors());
    String after = runFilter(f.program(), before);
    replaceWith(f.selectors(), after, "filter");
  }

  private void edit(Command.Edit e) throws EditException {
    String before = text(e.selectors());
    String editor =
        options.editor != null ? options.editor : System.getenv().getOrDefault("EDITOR", "vi");
    try {
      Path tmp = Files.createTempFile("crm-edit-", ".txt");
      try {
        Files.writeString(tmp, before, StandardCharsets.UTF_8);
        Process p =
            new ProcessBuilder("sh", "-c", editor + " \"$1\"", "edit", tmp.toString())
                .inheritIO()
                .start();
        int rc = p.waitFor();
        if (rc != 0) {
          throw new EditException("edit: " + editor + " exited with " + rc + "; nothing changed");
        }
        String after = Files.readString(tmp, StandardCharsets.UTF_8);
        if (!after.equals(before)) {
          replaceWith(e.selectors(), after, "edit");
        }
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException x) {
      throw new EditException("edit: " + x.getMessage());
    } catch (InterruptedException x) {
      Thread.currentThread().interrupt();
      throw new EditException("edit: interrupted; nothing changed");
    }
  }

  private String runFilter(String program, String input) throws EditException {
    try {
      Process p =
          new ProcessBuilder("sh", "-c", program)
              .directory(options.workingDirectory.toFile())
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
      Thread feeder =
          new Thread(
              () -> {
                try (var o = p.getOutputStream()) {
                  o.write(input.getBytes(StandardCharsets.UTF_8));
                } catch (IOException ignored) {
                  // the filter closed its input early; its output decides
                }
              });
      feeder.start();
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int rc = p.waitFor();
      feeder.join();
      if (rc != 0) {
        throw new EditException(
            "filter: \"" + program + "\" exited with " + rc + "; nothing changed");
      }
      return output;
    } catch (IOException e) {
      throw new EditException("filter: cannot run \"" + program + "\": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EditException("filter: interrupted; nothing changed");
    }
  }

  /** Objects of the selection become what the text says; those it leaves out are deleted. */
  private void replaceWith(List<String> selectors, String text, String what) throws EditException {
    List<Command.Define> defs = DefinitionLoader.parse(text, what);
    List<String> selected = new ArrayList<>();
    for (Element e : Selection.select(cib(), selectors, this::changed)) {
      selected.add(Cib.objectId(e));
    }
    Map<String, Boolean> kept = new HashMap<>();
    for (Command.Define d : defs) {
      String id =
          d.definition() instanceof Definition.ClusterSet cs
              ? CibEditor.clusterSetId(cs)
              : d.definition().id();
      kept.put(id, true);
    }
    new DefinitionLoader(cib(), editor()).update(defs);
    List<String> dropped = new ArrayList<>();
    for (String id : selected) {
      if (!kept.containsKey(id) && cib().object(id) != null) {
        dropped.add(id);
      }
    }
    if (!dropped.isEmpty()) {
      new Mutations(cib()).delete(dropped);
    }
  }

  /** Writes the working configuration as one replacement, if it passes the checks. */
  public void commit(boolean force) throws EditException, CibStoreException {
    if (!hasChanges()) {
      err.println("INFO: apparently there is nothing to commit");
      err.flush();
      return;
    }
    List<String> problems = Verifier.check(cib());
    if (!problems.isEmpty()) {
      problems.forEach(p -> err.println("ERROR: " + p));
      err.flush();
      throw new EditException(
          "commit refused: the configuration has "
              + problems.size()
              + " error(s); nothing written");
    }
    List<String> checkProblems =
        new ArrayList<>(AgentChecks.check(cib().configuration(), options.agents));
    // what crm_verify calls errors (no fencing while stonith-enabled, ...), as crmsh checks
    checkProblems.addAll(options.schedulerCheck.apply(work).errors());
    if (!checkProblems.isEmpty()) {
      if (!force && !options.force) {
        checkProblems.forEach(p -> err.println("ERROR: " + p));
        err.flush();
        throw new EditException(
            "commit refused: "
                + checkProblems.size()
                + " problem(s) in the configuration; \"commit force\" (or crm -F) commits"
                + " anyway");
      }
      checkProblems.forEach(p -> err.println("WARNING: " + p));
    }
    Document toWrite = work;
    String basedOn = baseEpoch;
    Document now = store.read();
    if (!CibFile.epochOf(now).equals(baseEpoch)) {
      // someone wrote meanwhile: send our changes as a diff onto what is there now
      ConfigMerge.Result merged;
      try {
        merged = ConfigMerge.merge(committed, work, now);
      } catch (ConfigMerge.Conflict c) {
        throw new EditException(
            "commit refused: the CIB changed since it was read (epoch "
                + baseEpoch
                + ", now "
                + CibFile.epochOf(now)
                + ") and these objects were changed both here and there: "
                + c.getMessage()
                + "; nothing written (\"refresh\" reads the CIB again and drops the staged"
                + " changes)");
      }
      List<String> after = Verifier.check(new Cib(merged.merged()));
      if (!after.isEmpty()) {
        after.forEach(p -> err.println("ERROR: " + p));
        throw new EditException(
            "commit refused: the CIB changed since it was read (epoch "
                + baseEpoch
                + ", now "
                + CibFile.epochOf(now)
                + "), and our changes do not fit onto it; nothing written");
      }
      err.println(
          "INFO: the CIB changed since it was read (epoch "
              + baseEpoch
              + ", now "
              + CibFile.epochOf(now)
              + "); committing only our changes: "
              + String.join(", ", merged.applied()));
      toWrite = merged.merged();
      basedOn = CibFile.epochOf(now);
    }
    store.replaceConfiguration(toWrite, basedOn);
    refresh();
    if (options.waitTimeout != null && options.cluster != null) {
      try {
        new org.pacer.cli.configure.live.Settle(store, options.cluster, options.clock)
            .await(options.waitTimeout);
      } catch (org.pacer.cli.configure.live.ClusterAccess.ClusterException e) {
        throw new EditException("committed, but " + e.getMessage());
      }
    }
  }
}
