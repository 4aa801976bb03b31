package org.pacer.stonithd.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The list and map syntaxes of pcmk_host_list, pcmk_host_map and pcmk_delay_base. */
public final class NodeLists {

  private NodeLists() {}

  /** Names separated by spaces, commas or semicolons ({@code node1,node2 node3}). */
  public static List<String> parseList(String text) {
    List<String> names = new ArrayList<>();
    if (text == null) {
      return names;
    }
    for (String part : text.split("[\\s,;]+")) {
      if (!part.isEmpty() && !names.contains(part)) {
        names.add(part);
      }
    }
    return names;
  }

  /**
   * Entries {@code name:value} (or {@code name=value}) separated by semicolons or spaces; a value
   * may itself hold commas ({@code node2:2,3}: ports 2 and 3).
   *
   * @throws IllegalArgumentException for an entry without a name or a value
   */
  public static Map<String, String> parseMap(String text) {
    Map<String, String> map = new LinkedHashMap<>();
    if (text == null) {
      return map;
    }
    for (String entry : text.split("[\\s;]+")) {
      if (entry.isEmpty()) {
        continue;
      }
      int sep = indexOfSeparator(entry);
      if (sep <= 0 || sep == entry.length() - 1) {
        throw new IllegalArgumentException(
            "'" + entry + "' is not a name:value entry (in '" + text + "')");
      }
      map.put(entry.substring(0, sep), entry.substring(sep + 1));
    }
    return map;
  }

  private static int indexOfSeparator(String entry) {
    int colon = entry.indexOf(':');
    int equals = entry.indexOf('=');
    if (colon < 0) {
      return equals;
    }
    return equals < 0 ? colon : Math.min(colon, equals);
  }
}
