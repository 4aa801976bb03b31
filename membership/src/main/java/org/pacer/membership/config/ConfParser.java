package org.pacer.membership.config;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Reads the corosync.conf syntax into a tree of {@link ConfSection}s, keeping line numbers. The
 * syntax: {@code name {} opens a block, {@code }} closes it, {@code key: value} sets a key, and
 * blank lines and lines whose first non-blank character is {@code #} are ignored. Meaning (which
 * keys exist, their types and defaults) is {@link ClusterConfigReader}'s job, not this class's.
 */
public final class ConfParser {

  private final String file;

  /**
   * @param file the name to use in error messages (the path as the operator knows it)
   */
  public ConfParser(String file) {
    this.file = file;
  }

  public ConfSection parse(String text) throws ConfException {
    Deque<Builder> open = new ArrayDeque<>();
    open.push(new Builder("", 0));
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      int lineNo = i + 1;
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (line.equals("}")) {
        if (open.size() == 1) {
          throw new ConfException(file, lineNo, "'}' without a matching '{'");
        }
        Builder done = open.pop();
        open.peek().sections.add(done.build());
        continue;
      }
      if (line.endsWith("{")) {
        String name = line.substring(0, line.length() - 1).strip();
        if (name.isEmpty() || !isName(name)) {
          throw new ConfException(file, lineNo, "expected 'name {' but found '" + line + "'");
        }
        open.push(new Builder(name, lineNo));
        continue;
      }
      int colon = line.indexOf(':');
      if (colon <= 0) {
        throw new ConfException(
            file, lineNo, "expected 'key: value', 'name {' or '}' but found '" + line + "'");
      }
      String key = line.substring(0, colon).strip();
      String value = line.substring(colon + 1).strip();
      if (!isName(key)) {
        throw new ConfException(file, lineNo, "'" + key + "' is not a valid key name");
      }
      if (value.contains("{") || value.contains("}")) {
        throw new ConfException(
            file, lineNo, "braces must be on their own line, found '" + line + "'");
      }
      open.peek().entries.add(new ConfSection.ConfEntry(key, value, lineNo));
    }
    if (open.size() > 1) {
      Builder unclosed = open.peek();
      throw new ConfException(
          file,
          unclosed.line,
          "section '" + unclosed.name + "' opened here is never closed with '}'");
    }
    return open.pop().build();
  }

  private static boolean isName(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!(Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.')) {
        return false;
      }
    }
    return !s.isEmpty();
  }

  private static final class Builder {
    final String name;
    final int line;
    final List<ConfSection.ConfEntry> entries = new ArrayList<>();
    final List<ConfSection> sections = new ArrayList<>();

    Builder(String name, int line) {
      this.name = name;
      this.line = line;
    }

    ConfSection build() {
      return new ConfSection(name, line, entries, sections);
    }
  }
}
