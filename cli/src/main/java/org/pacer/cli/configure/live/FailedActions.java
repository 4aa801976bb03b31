package org.pacer.cli.configure.live;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.pacer.cli.configure.store.CibXml;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * crm_mon's "Failed Resource Actions" from the status section: every recorded operation whose
 * result is not the one its transition expected (or that could not be executed), one line each,
 * worded as Pacemaker 2.1's crm_mon words them (observed on the scheduler corpus):
 *
 * <pre>
 *   * A 10s-interval monitor on n2 returned 'not running' at Wed Jun  6 16:03:42 2012 after 10ms
 *   * B probe on n1 could not be executed (Timed Out)
 * </pre>
 *
 * <p>Kept here until crmd's crm_mon prints the section itself; {@link StatusView} adds it only when
 * crm_mon did not.
 */
public final class FailedActions {
  /** ctime(3), as crm_mon prints times. */
  private static final DateTimeFormatter CTIME =
      DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.ROOT);

  private FailedActions() {}

  /** The section's lines (without heading); empty when nothing failed. */
  static List<String> lines(Document cib, ZoneId zone) {
    List<String> out = new ArrayList<>();
    Element status = CibXml.child(cib.getDocumentElement(), "status");
    if (status == null) {
      return out;
    }
    for (Element state : CibXml.children(status)) {
      if (!state.getTagName().equals("node_state")) {
        continue;
      }
      if (!"true".equals(state.getAttribute("in_ccm"))) {
        continue; // crm_mon lists the failures of nodes that are up only
      }
      String node =
          state.hasAttribute("uname") ? state.getAttribute("uname") : state.getAttribute("id");
      Element lrm = CibXml.child(state, "lrm");
      Element resources = lrm == null ? null : CibXml.child(lrm, "lrm_resources");
      if (resources == null) {
        continue;
      }
      for (Element rsc : CibXml.children(resources)) {
        Set<String> seen = new HashSet<>();
        for (Element op : CibXml.children(rsc)) {
          if (op.getTagName().equals("lrm_rsc_op") && failed(op)) {
            String key = op.getAttribute("call-id") + "/" + op.getAttribute("operation_key");
            if (seen.add(key)) {
              out.add(line(resourceOf(op, rsc.getAttribute("id")), node, op, zone));
            }
          }
        }
      }
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

  private static int number(String s, int otherwise) {
    return (int) number(s, (long) otherwise);
  }

  private static long number(String s, long otherwise) {
    try {
      return Long.parseLong(s.trim());
    } catch (NumberFormatException e) {
      return otherwise;
    }
  }
}
