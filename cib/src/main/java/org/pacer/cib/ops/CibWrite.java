package org.pacer.cib.ops;

import org.pacer.cib.document.CibSection;

/**
 * A change to the CIB, as cibadmin expresses it. Writes are plain data (the XML stays text) so the
 * same write can be sent to every node and applied there with the same result.
 */
public sealed interface CibWrite {

  /** A short name for logs and ACL messages: create, modify, ... */
  String verb();

  /** The XML carried by the write, or null; its size counts against the write limit. */
  default String xml() {
    return null;
  }

  /**
   * Adds {@code xml} under the section {@code scope}. A null scope is inferred from the element (a
   * {@code primitive} goes to resources); an element named like the section adds its children.
   */
  record Create(CibSection scope, String xml) implements CibWrite {
    @Override
    public String verb() {
      return "create";
    }
  }

  /**
   * Merges {@code xml} into the element with the same name and id inside the target (section, XPath
   * or whole CIB): attributes are set, children merged the same way, nothing removed.
   */
  record Modify(CibSection scope, String xpath, String xml, boolean allowCreate)
      implements CibWrite {
    @Override
    public String verb() {
      return "modify";
    }
  }

  /** Replaces the target (or the element inside it with the same name and id) with {@code xml}. */
  record Replace(CibSection scope, String xpath, String xml) implements CibWrite {
    @Override
    public String verb() {
      return "replace";
    }
  }

  /**
   * Deletes the first element the XPath selects, or the element inside the scope with the name and
   * id of {@code xml}. Deleting something that is not there succeeds, as with cibadmin.
   */
  record Delete(CibSection scope, String xpath, String xml) implements CibWrite {
    @Override
    public String verb() {
      return "delete";
    }
  }

  /** Empties configuration and status; refused unless {@code force}. */
  record Erase(boolean force) implements CibWrite {
    @Override
    public String verb() {
      return "erase";
    }
  }

  /** Increases the epoch without other change. */
  record Bump() implements CibWrite {
    @Override
    public String verb() {
      return "bump";
    }
  }
}
