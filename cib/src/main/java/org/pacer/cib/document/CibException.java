package org.pacer.cib.document;

import java.util.List;

/**
 * A request against the CIB failed. The message names what was wrong (element, attribute, line) and
 * {@link #problems()} lists each problem when validation found several.
 */
public final class CibException extends RuntimeException {
  private final CibError error;
  private final List<String> problems;

  public CibException(CibError error, String message) {
    this(error, message, List.of());
  }

  public CibException(CibError error, String message, List<String> problems) {
    super(message);
    this.error = error;
    this.problems = List.copyOf(problems);
  }

  public CibException(CibError error, String message, Throwable cause) {
    super(message, cause);
    this.error = error;
    this.problems = List.of();
  }

  public CibError error() {
    return error;
  }

  /** Every problem found, one line each; empty when the message says it all. */
  public List<String> problems() {
    return problems;
  }

  /** The message followed by each problem on its own line, as the shell prints it. */
  public String describe() {
    if (problems.isEmpty()) {
      return getMessage();
    }
    StringBuilder sb = new StringBuilder(getMessage());
    for (String p : problems) {
      sb.append(System.lineSeparator()).append("  ").append(p);
    }
    return sb.toString();
  }
}
