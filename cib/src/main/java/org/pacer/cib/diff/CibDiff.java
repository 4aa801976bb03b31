package org.pacer.cib.diff;

import java.util.List;
import java.util.Map;
import org.pacer.cib.document.CibVersion;

/**
 * What one write changed, as subscribers receive it: each change names the element by path ({@code
 * /cib/configuration/resources/primitive[@id='web']}). Applying the changes to the CIB at {@code
 * from} gives the CIB at {@code to}, whose digest is {@code digest}; a subscriber whose copy is not
 * at {@code from} asks for the whole CIB instead.
 */
public record CibDiff(CibVersion from, CibVersion to, String digest, List<Change> changes) {

  public CibDiff {
    changes = List.copyOf(changes);
  }

  public boolean isEmpty() {
    return changes.isEmpty();
  }

  /** True when something under {@code /cib/configuration} changed. */
  public boolean touchesConfiguration() {
    return changes.stream().anyMatch(c -> c.path().startsWith("/cib/configuration"));
  }

  /** One change. */
  public sealed interface Change {
    String path();
  }

  /**
   * A new element (with everything under it) at {@code path}, the {@code position}-th element child
   * of its parent (0-based).
   */
  public record Created(String path, int position, String xml) implements Change {}

  /** Attributes of an existing element set ({@code set}) or removed ({@code removed}). */
  public record Modified(String path, Map<String, String> set, List<String> removed)
      implements Change {
    public Modified {
      set = Map.copyOf(set);
      removed = List.copyOf(removed);
    }
  }

  /** The element at {@code path} and everything under it is gone. */
  public record Deleted(String path) implements Change {}
}
