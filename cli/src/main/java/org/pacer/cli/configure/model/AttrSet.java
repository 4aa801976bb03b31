package org.pacer.cli.configure.model;

import java.util.List;

/**
 * An attribute set ({@code params}, {@code meta}, {@code utilization}, ...) with its optional id,
 * id-ref, score (precedence) and rules.
 */
public record AttrSet(
    SetKind kind, String id, String idRef, String score, List<Rule> rules, List<NvPair> pairs) {
  public AttrSet {
    rules = List.copyOf(rules);
    pairs = List.copyOf(pairs);
  }
}
