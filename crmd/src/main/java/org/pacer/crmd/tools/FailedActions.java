package org.pacer.crmd.tools;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * crm_mon's failed resource actions from the status section: every recorded operation whose result
 * is not the one its transition expected (or that could not be executed), worded as Pacemaker 2.1's
 * crm_mon words them (observed on the scheduler corpus):
 *
 * <pre>
 *   * A 10s-interval monitor on n2 returned 'not running' at Wed Jun  6 16:03:42 2012 after 10ms
 *   * B probe on n1 could not be executed (Timed Out)
 * </pre>
 */
public final class FailedActions {
  private static final DateTimeFormatter CTIME = CrmMon.CTIME;
  private static final DateTimeFormatter ISO =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'", Locale.ROOT);

  /** One failed operation: the resource as the operation names it, the node, the record. */
  public record Failure(String rsc, String node, Element op) {}

  private FailedActions() {}

  /** Every failed operation on nodes that are up (crm_mon does not list those of down nodes). */
  public static List<Failure> of(Document cib) {
    List<Failure> out = new ArrayList<>();
    Element status = child(cib.getDocumentElement(), "status");
    if (status == null) {
      return out;
    }
    for (Element state : children(status)) {
      if (!state.getTagName().equals("node_state")
          || !"true".equals(state.getAttribute("in_ccm"))) {
        continue;
      }
      String node =
          state.hasAttribute("uname") ? state.getAttribute("uname") : state.getAttribute("id");
      Element lrm = child(state, "lrm");
      Element resources = lrm == null ? null : child(lrm, "lrm_resources");
      if (resources == null) {
        continue;
      }
      for (Element rsc : children(resources)) {
        Set<String> seen = new HashSet<>();
        for (Element op : children(rsc)) {
          if (op.getTagName().equals("lrm_rsc_op") && failed(op)) {
            String key = op.getAttribute("call-id") + "/" + op.getAttribute("operation_key");
            if (seen.add(key)) {
              out.add(new Failure(resourceOf(op, rsc.getAttribute("id")), node, op));
            }
          }
        }
      }
    }
    return out;
  }

  /** The text section's lines (without heading); empty when nothing failed. */
  public static List<String> lines(Document cib, ZoneId zone) {
    List<String> out = new ArrayList<>();
    for (Failure f : of(cib)) {
      out.add(line(f.rsc(), f.node(), f.op(), zone));
    }
    return out;
  }

  /** Not pending, and either not executed or with another result than the transition expected. */
  public static boolean failed(Element op) {
    int status = number(op.getAttribute("op-status"), 0);
    if (status == -1 || status == 1 || op.getAttribute("call-id").equals("-1")) {
      return false; // pending or cancelled: nothing to report
    }
    int rc = number(op.getAttribute("rc-code"), 0);
    if (rc < 0) {
      return false; // old controllers' placeholder, no result: crm_mon does not list it either
    }
    if (status != 0) {
      return rc != expected(op) || status == 2; // an error that still gave the expected rc is fine
    }
    if (isProbe(op) && (rc == 0 || rc == 7 || rc == 8)) {
      return false; // a probe finding the resource running (or promoted) is news, not a failure
    }
    return rc != expected(op);
  }

  private static boolean isProbe(Element op) {
    return op.getAttribute("operation").equals("monitor")
        && number(op.getAttribute("interval"), 0L) == 0;
  }

  /**
   * The resource as the operation names it: its key ({@code RSC_TASK_INTERVAL}, or the id of old
   * records) without the task and interval. An anonymous clone's instance is recorded without its
   * number there, which is how crm_mon shows it.
   */
  static String resourceOf(Element op, String historyId) {
    String suffix = "_" + op.getAttribute("operation") + "_" + op.getAttribute("interval");
    for (String key : List.of(op.getAttribute("operation_key"), op.getAttribute("id"))) {
      if (key.endsWith(suffix) && key.length() > suffix.length()) {
        return key.substring(0, key.length() - suffix.length());
      }
    }
    return historyId;
  }

  /** The expected rc: the third field of the transition key ({@code action:transition:rc:uuid}). */
  private static int expected(Element op) {
    String[] key = op.getAttribute("transition-key").split(":");
    return key.length >= 4 ? number(key[2], 0) : 0;
  }

  static String line(String rsc, String node, Element op, ZoneId zone) {
    StringBuilder b = new StringBuilder("  * ").append(rsc).append(' ');
    long interval = number(op.getAttribute("interval"), 0L);
    String task = op.getAttribute("operation");
    if (interval > 0) {
      b.append(interval % 1000 == 0 ? interval / 1000 + "s" : interval + "ms")
          .append("-interval ")
          .append(task);
    } else {
      b.append(task.equals("monitor") ? "probe" : task);
    }
    b.append(" on ").append(node).append(' ');
    int status = number(op.getAttribute("op-status"), 0);
    String reason = op.getAttribute("exit-reason");
    if (status == 0) {
      b.append("returned '").append(rcText(number(op.getAttribute("rc-code"), 0))).append('\'');
      if (!reason.isEmpty()) {
        b.append(" (").append(reason).append(')');
      }
    } else {
      b.append("could not be executed (").append(statusText(status));
      if (!reason.isEmpty()) {
        b.append(": ").append(reason);
      }
      b.append(')');
    }
    long changed = number(op.getAttribute("last-rc-change"), 0L);
    if (changed > 0) {
      b.append(" at ").append(CTIME.format(Instant.ofEpochSecond(changed).atZone(zone)));
    }
    long exec = number(op.getAttribute("exec-time"), 0L);
    if (exec > 0) {
      b.append(" after ").append(duration(exec));
    }
    return b.toString();
  }

  /**
   * The attributes of crm_mon's {@code <failure>} element, in its order: the operation key (or the
   * id of old records), node, result, call, executor status, then the timing when it was recorded.
   */
  static List<String[]> xmlAttributes(Failure f) {
    Element op = f.op();
    List<String[]> a = new ArrayList<>();
    String key = op.getAttribute("operation_key");
    a.add(
        key.isEmpty() ? new String[] {"id", op.getAttribute("id")} : new String[] {"op_key", key});
    a.add(new String[] {"node", f.node()});
    int rc = number(op.getAttribute("rc-code"), 0);
    int status = number(op.getAttribute("op-status"), 0);
    a.add(new String[] {"exitstatus", rcText(rc)});
    a.add(
        new String[] {
          "exitreason", op.hasAttribute("exit-reason") ? op.getAttribute("exit-reason") : "none"
        });
    a.add(new String[] {"exitcode", String.valueOf(rc)});
    a.add(new String[] {"call", op.getAttribute("call-id")});
    a.add(new String[] {"status", status == 0 ? "complete" : statusText(status)});
    long changed = number(op.getAttribute("last-rc-change"), 0L);
    if (changed > 0) {
      a.add(
          new String[] {
            "last-rc-change", ISO.format(Instant.ofEpochSecond(changed).atZone(ZoneOffset.UTC))
          });
      // Always both: Pacemaker's schema wants them with the time (its crm_mon omits them for
      // records without timings, and then fails its own schema).
      a.add(new String[] {"queued", String.valueOf(number(op.getAttribute("queue-time"), 0L))});
      a.add(new String[] {"exec", String.valueOf(number(op.getAttribute("exec-time"), 0L))});
      a.add(new String[] {"interval", String.valueOf(number(op.getAttribute("interval"), 0L))});
      a.add(new String[] {"task", op.getAttribute("operation")});
    }
    return a;
  }

  /** 10ms, 15.001s, 1m30.009s. */
  static String duration(long ms) {
    if (ms < 1000) {
      return ms + "ms";
    }
    long minutes = ms / 60_000;
    long rest = ms % 60_000;
    String seconds =
        rest % 1000 == 0
            ? rest / 1000 + "s"
            : String.format(Locale.ROOT, "%d.%03ds", rest / 1000, rest % 1000);
    return minutes > 0 ? minutes + "m" + seconds : seconds;
  }

  /** OCF exit codes as crm_mon names them. */
  static String rcText(int rc) {
    return switch (rc) {
      case 0 -> "ok";
      case 1 -> "error";
      case 2 -> "invalid parameter";
      case 3 -> "unimplemented feature";
      case 4 -> "insufficient privileges";
      case 5 -> "not installed";
      case 6 -> "not configured";
      case 7 -> "not running";
      case 8 -> "promoted";
      case 9 -> "promoted (failed)";
      case 190 -> "OCF_DEGRADED";
      case 191 -> "promoted (degraded)";
      default -> "unknown";
    };
  }

  /** Executor statuses (op-status) as crm_mon names them. */
  static String statusText(int status) {
    return switch (status) {
      case 2 -> "Timed Out";
      case 3 -> "Not supported";
      case 4 -> "Error";
      case 5 -> "Hard error";
      case 6 -> "Fatal error";
      case 7 -> "Not installed";
      case 8 -> "Not connected";
      case 9 -> "Invalid";
      case 10 -> "No fence device";
      case 11 -> "No secrets";
      default -> "Unknown";
    };
  }

  static Element child(Element e, String tag) {
    for (Element c : children(e)) {
      if (c.getTagName().equals(tag)) {
        return c;
      }
    }
    return null;
  }

  static List<Element> children(Element e) {
    List<Element> out = new ArrayList<>();
    for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element c) {
        out.add(c);
      }
    }
    return out;
  }

  static int number(String s, int otherwise) {
    return (int) number(s, (long) otherwise);
  }

  static long number(String s, long otherwise) {
    try {
      return Long.parseLong(s.trim());
    } catch (NumberFormatException e) {
      return otherwise;
    }
  }
}
