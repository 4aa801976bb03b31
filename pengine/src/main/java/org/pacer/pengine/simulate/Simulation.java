package org.pacer.pengine.simulate;

import java.io.StringWriter;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.pacer.pengine.Simulator;
import org.pacer.pengine.graph.GraphAction;
import org.pacer.pengine.graph.TransitionGraph;
import org.pacer.pengine.rules.CibTime;
import org.pacer.pengine.scheduler.Transition;
import org.pacer.pengine.unpack.CibException;
import org.pacer.pengine.unpack.CibParser;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * crm_simulate's model: change the CIB as asked (nodes up/down/failed, injected operation results),
 * schedule it, then "execute" the transition by recording every action's result in the status
 * section (failing those asked to fail) and schedule the result again to show the revised status.
 */
public final class Simulation {
  /** What to simulate. */
  public record Request(
      LocalDateTime now,
      List<String> nodeUp,
      List<String> nodeDown,
      List<String> nodeFail,
      List<OpSpec> inject,
      List<OpSpec> fail,
      boolean execute,
      boolean keepCib) {
    /** A request whose revised CIB holds every result (for -O), as crm_simulate writes it. */
    public Request(
        LocalDateTime now,
        List<String> nodeUp,
        List<String> nodeDown,
        List<String> nodeFail,
        List<OpSpec> inject,
        List<OpSpec> fail,
        boolean execute) {
      this(now, nodeUp, nodeDown, nodeFail, inject, fail, execute, true);
    }
  }

  /** What came of it. */
  public record Result(
      Transition transition,
      TransitionGraph graph,
      List<String> execution,
      Transition revised,
      Document revisedCib) {}

  private Simulation() {}

  public static Result run(String xml, Request req) throws CibException {
    Document doc = CibParser.document(xml);
    CibEdit edit = new CibEdit(doc);
    for (String n : req.nodeUp()) {
      edit.setNode(n, true, true);
    }
    for (String n : req.nodeDown()) {
      edit.setNode(n, false, true);
    }
    for (String n : req.nodeFail()) {
      edit.setNode(n, false, false);
    }
    Transition first = Simulator.schedule(doc, req.now());
    long now = CibTime.epoch(first.now());
    int call = edit.maxCallId();
    for (OpSpec op : req.inject()) {
      String[] agent = first.agentOf(op.resource());
      Element lr =
          edit.lrmResource(
              edit.nodeState(op.node()),
              op.resource(),
              agent == null ? null : agent[0],
              agent == null ? null : agent[1],
              agent == null ? null : agent[2]);
      edit.recordOp(
          lr,
          op.resource(),
          op.task(),
          op.intervalMs(),
          op.rc(),
          ++call,
          op.task().equals("monitor") && op.intervalMs() == 0 ? 7 : 0,
          first.digestOf(op.resource()),
          now);
    }
    Transition t = req.inject().isEmpty() ? first : Simulator.schedule(doc, req.now());
    TransitionGraph graph = t.graph();
    if (!req.execute()) {
      return new Result(t, graph, List.of(), null, doc);
    }
    List<String> lines = execute(edit, t, graph, req, call, now);
    Transition revised = Simulator.unpack(doc, req.now());
    return new Result(t, graph, lines, revised, doc);
  }

  /** Records the result of every action, in an order that honours the graph's inputs. */
  private static List<String> execute(
      CibEdit edit, Transition t, TransitionGraph graph, Request req, int call, long now) {
    List<String> lines = new ArrayList<>();
    List<TransitionGraph.Synapse> syn = graph.synapses();
    int n = syn.size();
    // Kahn's algorithm over the synapses, in graph order among those ready at once.
    int[] waiting = new int[n];
    List<List<Integer>> next = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      next.add(new ArrayList<>());
    }
    for (TransitionGraph.Synapse s : syn) {
      Set<Integer> seen = new HashSet<>();
      for (GraphAction in : s.inputs()) {
        if (seen.add(in.id())) {
          waiting[s.action().id()]++;
          next.get(in.id()).add(s.action().id());
        }
      }
    }
    boolean[] failed = new boolean[n];
    java.util.PriorityQueue<Integer> ready = new java.util.PriorityQueue<>();
    for (int i = 0; i < n; i++) {
      if (waiting[i] == 0) {
        ready.add(i);
      }
    }
    while (!ready.isEmpty()) {
      int id = ready.poll();
      GraphAction a = syn.get(id).action();
      boolean ok = !failed[id] && apply(edit, t, a, req, ++call, now, lines);
      for (int then : next.get(id)) {
        if (!ok) {
          // A failed input aborts what depends on it, as a real transition would.
          failed[then] = true;
        }
        if (--waiting[then] == 0) {
          ready.add(then);
        }
      }
    }
    return lines;
  }

  private static boolean apply(
      CibEdit edit,
      Transition t,
      GraphAction a,
      Request req,
      int call,
      long now,
      List<String> lines) {
    switch (a.kind()) {
      case "pseudo_event" -> {
        lines.add("Pseudo action:   " + a.key());
        return true;
      }
      case "crm_event" -> {
        if (a.operation().equals("stonith")) {
          lines.add(
              "Fencing "
                  + a.attributes().get("CRM_meta_on_node")
                  + " ("
                  + a.attributes().get("CRM_meta_stonith_action")
                  + ")");
          edit.setNode(a.attributes().get("CRM_meta_on_node"), false, true);
        } else {
          lines.add("Cluster action:  " + a.operation() + " on " + a.node());
        }
        return true;
      }
      default -> {
        long interval = parseLong(a.attributes().get("CRM_meta_interval"));
        String task = a.operation();
        // Formatted by hand: String.format per action was a tenth of -S's time at 1000 × 16.
        StringBuilder line = new StringBuilder("Resource action: ").append(a.resource());
        line.append(" ".repeat(Math.max(0, 15 - a.resource().length())));
        line.append(' ').append(interval > 0 ? task + "=" + interval : task);
        lines.add(line.append(" on ").append(a.node()).toString());
        int expected = task.equals("monitor") && interval == 0 ? 7 : 0;
        int rc = expected;
        boolean ok = true;
        for (OpSpec f : req.fail()) {
          if (f.matches(a.resource(), task, interval, a.node())) {
            rc = f.rc();
            ok = rc == expected;
          }
        }
        if (!req.keepCib()
            && task.equals("monitor")
            && interval == 0
            && rc == expected
            && !edit.hasHistory(edit.nodeState(a.node()), a.resource())) {
          // A probe finding nothing where nothing was recorded changes no status line. After a
          // run over N resources × M nodes these are nearly all of the N × M results, and keeping
          // them out of the DOM keeps -S close to -R. With -O they are recorded, as crm_simulate.
          return true;
        }
        String[] agent = a.agent();
        Element lr =
            edit.lrmResource(edit.nodeState(a.node()), a.resource(), agent[0], agent[1], agent[2]);
        edit.recordOp(
            lr, a.resource(), task, interval, rc, call, expected, t.digestOf(a.resource()), now);
        if (ok && (task.equals("stop") || task.equals("migrate_to"))) {
          edit.dropMonitors(lr);
        }
        return ok;
      }
    }
  }

  private static long parseLong(String v) {
    if (v == null) {
      return 0;
    }
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** Serialises a CIB DOM (for -O and the daemon's saved inputs). */
  public static String toXml(Document doc) {
    try {
      var tf = TransformerFactory.newInstance().newTransformer();
      tf.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
      StringWriter w = new StringWriter();
      tf.transform(new DOMSource(doc), new StreamResult(w));
      return w.toString();
    } catch (TransformerException e) {
      throw new IllegalStateException("cannot serialise the CIB: " + e.getMessage(), e);
    }
  }
}
