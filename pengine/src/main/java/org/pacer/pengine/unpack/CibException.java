package org.pacer.pengine.unpack;

import java.util.List;

/** A CIB that cannot be scheduled: each problem names the element id it concerns. */
public final class CibException extends Exception {
  private static final long serialVersionUID = 1L;
  private final List<String> problems;

  public CibException(List<String> problems) {
    super(String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  public CibException(String problem) {
    this(List.of(problem));
  }

  public List<String> problems() {
    return problems;
  }
}
