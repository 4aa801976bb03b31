package org.pacer.membership.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One {@code name { ... }} block of a corosync.conf, as written: its keys in order and its nested
 * blocks, each with the line it came from. The top of the file is a section named {@code ""}.
 *
 * @param name the directive name ({@code totem}, {@code node}, ...)
 * @param line where the block opens (0 for the file itself)
 * @param entries the {@code key: value} lines directly inside this block
 * @param sections the blocks directly inside this block
 */
public record ConfSection(
    String name, int line, List<ConfEntry> entries, List<ConfSection> sections) {

  /** One {@code key: value} line. */
  public record ConfEntry(String key, String value, int line) {}

  public ConfSection {
    entries = List.copyOf(entries);
    sections = List.copyOf(sections);
  }

  /** The last value given for a key (corosync lets a later line override an earlier one). */
  public Optional<ConfEntry> entry(String key) {
    ConfEntry found = null;
    for (ConfEntry e : entries) {
      if (e.key().equals(key)) {
        found = e;
      }
    }
    return Optional.ofNullable(found);
  }

  /** Every nested block with this name, in file order. */
  public List<ConfSection> sections(String sectionName) {
    List<ConfSection> out = new ArrayList<>();
    for (ConfSection s : sections) {
      if (s.name().equals(sectionName)) {
        out.add(s);
      }
    }
    return out;
  }
}
