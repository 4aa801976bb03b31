package org.pacer.cib.schema;

import java.util.ArrayList;
import java.util.List;
import org.pacer.cib.document.CibPaths;
import org.pacer.cib.document.SourceLine;
import org.w3c.dom.Element;

/** Collects what validation found, each problem naming the element, its id and its line. */
public final class Problems {

  /** One finding. {@code warning} ones do not block a write (crm_verify's warnings). */
  public record Problem(String path, String where, String message, boolean warning) {
    @Override
    public String toString() {
      return (warning ? "warning: " : "") + where + ": " + message;
    }
  }

  private final List<Problem> found = new ArrayList<>();
  private final int limit;

  public Problems(int limit) {
    this.limit = limit;
  }

  public void error(Element e, String message) {
    add(e, message, false);
  }

  public void warning(Element e, String message) {
    add(e, message, true);
  }

  private void add(Element e, String message, boolean warning) {
    if (found.size() < limit) {
      SourceLine line = SourceLine.of(e);
      String where =
          CibPaths.describe(e) + (line == null ? " at " + CibPaths.pathOf(e) : " (" + line + ")");
      found.add(new Problem(CibPaths.pathOf(e), where, message, warning));
    }
  }

  public boolean full() {
    return found.size() >= limit;
  }

  public List<Problem> all() {
    return List.copyOf(found);
  }

  public List<Problem> errors() {
    return found.stream().filter(p -> !p.warning()).toList();
  }

  public List<Problem> warnings() {
    return found.stream().filter(Problem::warning).toList();
  }

  public boolean hasErrors() {
    return found.stream().anyMatch(p -> !p.warning());
  }
}
