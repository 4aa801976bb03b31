package org.pacer.cli.configure.model;

import java.util.List;

/** One parsed statement of the configure level. */
public sealed interface Command {

  /** An object definition; comments are the {@code #} lines that preceded it. */
  record Define(Definition definition, List<String> comments) implements Command {}

  /** {@code monitor rsc[:role] interval[:timeout]}. */
  record Monitor(String rsc, String role, String interval, String timeout) implements Command {}

  /** {@code show [xml] [selectors]}. */
  record Show(boolean xml, List<String> selectors) implements Command {}

  /** {@code save [xml] [selectors] FILE}. */
  record Save(boolean xml, List<String> selectors, String file) implements Command {}

  /** {@code load [xml] replace|update|push FILE|-}. */
  record Load(boolean xml, String method, String source) implements Command {}

  /** {@code commit [force] [replace]}. */
  record Commit(boolean force) implements Command {}

  /** {@code verify}. */
  record Verify() implements Command {}

  /** {@code delete [--force] id...} (also {@code rm}). */
  record Delete(List<String> ids) implements Command {}

  /** {@code rename old new}. */
  record Rename(String from, String to) implements Command {}

  /** {@code erase [nodes]}. */
  record Erase(boolean nodes) implements Command {}

  /** {@code edit [xml] [selectors]}: the objects through $EDITOR. */
  record Edit(boolean xml, List<String> selectors) implements Command {}

  /** {@code filter PROGRAM [xml] [selectors]}: the objects through a shell filter. */
  record Filter(String program, boolean xml, List<String> selectors) implements Command {}

  /** {@code set path value}. */
  record Set(String path, String value) implements Command {}

  /** {@code modgroup g add|remove rsc [after|before ref]}. */
  record Modgroup(String group, boolean add, String rsc, String position, String ref)
      implements Command {}

  /** {@code refresh}: drop staged changes. */
  record Refresh() implements Command {}
}
