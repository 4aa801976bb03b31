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
import org.pacer.cli.configure.model.Command;
import org.pacer.cli.configure.model.Definition;
import org.pacer.cli.configure.parse.ConfigureParser;
import org.pacer.cli.configure.parse.Lexer;
import org.pacer.cli.configure.parse.ParseException;
import org.pacer.cli.configure.parse.Statement;
import org.pacer.cli.configure.store.CibFile;
import org.pacer.cli.configure.store.CibStore;
import org.pacer.cli.configure.store.CibStoreException;
import org.pacer.cli.configure.store.CibXml;
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
    Document before = (Document) work.cloneNode(true);
    try {
      dispatch(c);
    } catch (EditException | CibStoreException | RuntimeException e) {
      work = before;
      throw e;
    }
  }

  private Cib cib() {
    return new Cib(work);
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
      List<String> problems = Verifier.check(cib());
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

  /**
   * @param siblingComments also print comments that stand between objects in a section (as {@code
   *     xml <section><!--...--></section>}), so that a whole configuration shown and loaded back
   *     keeps them; edit and filter leave them out, as they stay where they are
   */
  String text(List<String> selectors, boolean siblingComments) throws EditException {
    Cib cib = cib();
    ObjectPrinter printer = new ObjectPrinter(cib, retired);
    List<Element> objects =
        Selection.sorted(Selection.select(cib, selectors, this::changed), options.sortElements);
    // a container that has to be printed as xml carries its members with it
    List<Element> asXml = new ArrayList<>();
    for (Element e : objects) {
      if (cib.isResource(e)
          && !e.getTagName().equals("primitive")
          && !insideXml(e, asXml)
          && printer.printsAsXml(e)) {
        asXml.add(e);
      }
    }
    StringBuilder b = new StringBuilder();
    Map<org.w3c.dom.Node, Integer> left = new HashMap<>();
    for (Element e : objects) {
      if (!insideXml(e, asXml) && isSectionLevel(e)) {
        left.merge(e.getParentNode(), 1, Integer::sum);
      }
    }
    java.util.Set<org.w3c.dom.Node> sectionsStarted = new java.util.HashSet<>();
    StringBuilder trailing = new StringBuilder();
    for (Element e : objects) {
      if (insideXml(e, asXml)) {
        continue;
      }
      boolean level = siblingComments && isSectionLevel(e);
      if (level) {
        org.w3c.dom.Node sec = e.getParentNode();
        if (sectionsStarted.add(sec) && sec != cib.configuration()) {
          comments(b, sec, (Element) sec.getParentNode());
        }
        comments(b, e, (Element) sec);
      }
      b.append(printer.print(e)).append('\n');
      if (level && left.merge(e.getParentNode(), -1, Integer::sum) == 0) {
        // at the very end, so that no later object of the section claims them on load
        trailingComments(trailing, (Element) e.getParentNode());
      }
    }
    return b.append(trailing).toString();
  }

  private static boolean isSectionLevel(Element e) {
    org.w3c.dom.Node p = e.getParentNode();
    return p instanceof Element pe
        && (pe.getTagName().equals("configuration")
            || pe.getParentNode() instanceof Element g && g.getTagName().equals("configuration"));
  }

  /** Comments directly before {@code n} among its siblings, as xml statements. */
  private static void comments(StringBuilder b, org.w3c.dom.Node n, Element parent) {
    List<String> found = new ArrayList<>();
    for (org.w3c.dom.Node p = n.getPreviousSibling();
        p != null && !(p instanceof Element);
        p = p.getPreviousSibling()) {
      if (p.getNodeType() == org.w3c.dom.Node.COMMENT_NODE) {
        found.add(0, p.getNodeValue());
      }
    }
    for (String c : found) {
      b.append("xml <")
          .append(parent.getTagName())
          .append("><!--")
          .append(c)
          .append("--></")
          .append(parent.getTagName())
          .append(">\n");
    }
  }

  private static void trailingComments(StringBuilder b, Element section) {
    org.w3c.dom.Node last = section.getLastChild();
    if (last != null && !(last instanceof Element)) {
      org.w3c.dom.Node marker = section.getOwnerDocument().createElement("end");
      section.appendChild(marker);
      comments(b, marker, section);
      section.removeChild(marker);
    }
  }

  private static boolean insideXml(Element e, List<Element> asXml) {
    for (org.w3c.dom.Node n = e.getParentNode(); n != null; n = n.getParentNode()) {
      if (asXml.contains(n)) {
        return true;
      }
    }
    return false;
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
      loadXml(text, replace);
      return;
    }
    List<Command.Define> defs = parseDefinitions(text, "load");
    if (replace) {
      new Mutations(cib()).erase(true, true);
    }
    apply(defs);
    if (replace) {
      keepTextOrder(defs);
      Element topology = cib().sectionIfPresent("fencing-topology");
      boolean defined =
          defs.stream()
              .anyMatch(
                  d ->
                      d.definition() instanceof Definition.FencingTopology
                          || d.definition() instanceof Definition.RawXml r
                              && r.xml().startsWith("<fencing-topology"));
      if (topology != null && !defined) {
        topology.getParentNode().removeChild(topology);
      }
    }
    placeSiblingComments(defs);
  }

  /** {@code xml <section><!--...--></section>}: a comment standing between objects. */
  private static boolean isSiblingComment(Command.Define d) {
    return d.definition() instanceof Definition.RawXml x
        && x.xml().matches("(?s)<([a-z_-]+)>(<!--.*?-->)+</\\1>");
  }

  /**
   * Puts each sibling comment before the next object of the text that lives in its section (or in a
   * section of it), else at the end of the section.
   */
  private void placeSiblingComments(List<Command.Define> defs) throws EditException {
    Cib cib = cib();
    for (int i = 0; i < defs.size(); i++) {
      if (!isSiblingComment(defs.get(i))) {
        continue;
      }
      Definition.RawXml x = (Definition.RawXml) defs.get(i).definition();
      Document d;
      try {
        d = CibXml.parse(x.xml());
      } catch (CibStoreException e) {
        throw new EditException("load: " + e.getMessage());
      }
      String tag = d.getDocumentElement().getTagName();
      Element target = tag.equals("configuration") ? cib.configuration() : cib.section(tag);
      org.w3c.dom.Node before = null;
      for (int j = i + 1; j < defs.size() && before == null; j++) {
        if (isSiblingComment(defs.get(j))) {
          continue;
        }
        Definition next = defs.get(j).definition();
        Element e =
            next instanceof Definition.FencingTopology
                    || next instanceof Definition.RawXml r
                        && r.xml().startsWith("<fencing-topology")
                ? cib.sectionIfPresent("fencing-topology")
                : next.id() == null
                    ? null
                    : cib.object(
                        next instanceof Definition.ClusterSet cs
                            ? CibEditor.clusterSetId(cs)
                            : next.id());
        for (org.w3c.dom.Node n = e; n != null; n = n.getParentNode()) {
          if (n.getParentNode() == target) {
            before = n;
            break;
          }
        }
        break;
      }
      for (org.w3c.dom.Node c = d.getDocumentElement().getFirstChild();
          c != null;
          c = c.getNextSibling()) {
        target.insertBefore(work.createComment(c.getNodeValue()), before);
      }
    }
  }

  /** After a replace, objects stand in each section in the order the text gave them. */
  private void keepTextOrder(List<Command.Define> defs) {
    Map<String, Integer> rank = new HashMap<>();
    for (int i = 0; i < defs.size(); i++) {
      Definition d = defs.get(i).definition();
      String id = d instanceof Definition.ClusterSet cs ? CibEditor.clusterSetId(cs) : d.id();
      boolean node =
          d instanceof Definition.Node
              || (d instanceof Definition.RawXml x && x.xml().startsWith("<node"));
      rank.putIfAbsent(node ? "node:" + id : id, i);
    }
    for (Element sec : CibXml.children(cib().configuration())) {
      List<Element> kids = CibXml.children(sec);
      List<Element> sorted = new ArrayList<>(kids);
      sorted.sort(
          java.util.Comparator.comparingInt(
              e ->
                  rank.getOrDefault(
                      (e.getTagName().equals("node") ? "node:" : "") + e.getAttribute("id"),
                      Integer.MAX_VALUE)));
      if (!sorted.equals(kids)) {
        for (Element e : sorted) {
          sec.appendChild(e);
        }
      }
    }
  }

  private void loadXml(String text, boolean replace) throws EditException {
    Document d;
    try {
      d = CibXml.parse(text);
    } catch (CibStoreException e) {
      throw new EditException("load: " + e.getMessage());
    }
    Element root = d.getDocumentElement();
    Element conf = root.getTagName().equals("cib") ? CibXml.child(root, "configuration") : root;
    if (conf == null || !conf.getTagName().equals("configuration")) {
      throw new EditException("load: the XML holds no <configuration>");
    }
    Cib cib = cib();
    if (replace) {
      Element mine = cib.configuration();
      mine.getParentNode().replaceChild(work.importNode(conf, true), mine);
      return;
    }
    Cib theirs = new Cib(d.getDocumentElement().getTagName().equals("cib") ? d : wrap(conf));
    for (Element e : theirs.objects()) {
      if (e.getParentNode() instanceof Element p && cib.isResource(p)) {
        continue;
      }
      Element mine = cib.object(Cib.objectId(e));
      Element copy = (Element) work.importNode(e, true);
      if (mine != null) {
        mine.getParentNode().replaceChild(copy, mine);
      } else {
        String sec = ((Element) e.getParentNode()).getTagName();
        if (e.getTagName().equals("fencing-topology")) {
          cib.configuration().appendChild(copy);
        } else {
          cib.section(sec).appendChild(copy);
        }
      }
    }
  }

  private static Document wrap(Element conf) {
    Document d = CibXml.empty();
    Element c = CibXml.child(d.getDocumentElement(), "configuration");
    d.getDocumentElement().replaceChild(d.importNode(conf, true), c);
    return d;
  }

  private static List<Command.Define> parseDefinitions(String text, String what)
      throws EditException {
    List<Command.Define> defs = new ArrayList<>();
    try {
      for (Statement s : Lexer.split(text)) {
        Command c = ConfigureParser.parse(s);
        if (!(c instanceof Command.Define d)) {
          throw new EditException(
              what + ": line " + s.line() + ": only object definitions may appear here");
        }
        defs.add(d);
      }
    } catch (ParseException e) {
      throw new EditException(what + ": " + e.getMessage());
    }
    return defs;
  }

  /** Creates or replaces each object, resources before what refers to them. */
  private void apply(List<Command.Define> defs) throws EditException {
    List<Command.Define> ordered = new ArrayList<>(defs);
    ordered.removeIf(ConfigureSession::isSiblingComment);
    ordered.sort(java.util.Comparator.comparingInt(d -> applyRank(d.definition())));
    CibEditor editor = editor();
    editor.unwrapRedefined(ordered);
    for (Command.Define d : ordered) {
      editor.define(d.definition(), d.comments(), true);
    }
  }

  private static int applyRank(Definition d) {
    if (d instanceof Definition.RawXml x) {
      String tag = x.xml().substring(1).split("[\\s/>]", 2)[0];
      return switch (tag) {
        case "node" -> 0;
        case "template" -> 1;
        case "primitive" -> 2;
        case "group" -> 3;
        case "clone", "master", "bundle" -> 4;
        case "tag" -> 7;
        default -> 5;
      };
    }
    if (d instanceof Definition.Node) {
      return 0;
    } else if (d instanceof Definition.Primitive p) {
      return p.template() ? 1 : 2;
    } else if (d instanceof Definition.Container c) {
      return c.kind().equals("group") ? 3 : 4;
    } else if (d instanceof Definition.Bundle) {
      return 4;
    } else if (d instanceof Definition.Tag) {
      return 7;
    } else if (d instanceof Definition.AclTarget) {
      return 6;
    }
    return 5;
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
    List<Command.Define> defs = parseDefinitions(text, what);
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
    apply(defs);
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
    store.replaceConfiguration(work, baseEpoch);
    refresh();
  }
}
