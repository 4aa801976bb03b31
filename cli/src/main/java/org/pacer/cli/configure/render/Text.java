package org.pacer.cli.configure.render;

import java.util.ArrayList;
import java.util.List;

/** One statement being rendered: a head line and continuation lines joined with backslashes. */
final class Text {
  private final StringBuilder head = new StringBuilder();
  private final List<String> lines = new ArrayList<>();

  Text(String head) {
    this.head.append(head);
  }

  /** Appends to the first line. */
  Text word(String w) {
    head.append(' ').append(w);
    return this;
  }

  /** Adds a continuation line. */
  Text line(String l) {
    lines.add(l);
    return this;
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder(head);
    for (String l : lines) {
      b.append(" \\\n\t").append(l);
    }
    return b.toString();
  }

  private static final String SPECIAL = " \t\n\"'\\;|&$`()<>{}[]*?";

  /**
   * An attribute value as crmsh shows it: bare when it is only letters, digits, {@code _ . -},
   * double-quoted otherwise.
   */
  static String quote(String v) {
    return v.matches("[A-Za-z0-9_.-]+") ? v : always(v);
  }

  /** A word of an expression: quoted only when the lexer would not read it back whole. */
  static String bare(String v) {
    boolean need = v.isEmpty();
    for (char c : v.toCharArray()) {
      if (SPECIAL.indexOf(c) >= 0) {
        need = true;
        break;
      }
    }
    return need ? always(v) : v;
  }

  /** Double-quoted, with the characters the lexer treats specially inside quotes escaped. */
  static String always(String v) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : v.toCharArray()) {
      if (c == '"' || c == '\\' || c == '$' || c == '`') {
        b.append('\\');
      }
      b.append(c);
    }
    return b.append('"').toString();
  }

  static String pair(String name, String value) {
    return value == null ? name : name + "=" + quote(value);
  }
}
