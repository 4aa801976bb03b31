package org.pacer.dist;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A systemd unit file read as sections of keys, each key with every value it was given (a repeated
 * key such as {@code After=} adds to the list, as systemd does for dependencies).
 */
record UnitFile(String name, Map<String, Map<String, List<String>>> sections) {

  static UnitFile read(Path file) throws IOException {
    Map<String, Map<String, List<String>>> sections = new LinkedHashMap<>();
    Map<String, List<String>> current = null;
    for (String raw : Files.readAllLines(file)) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
        continue;
      }
      if (line.startsWith("[") && line.endsWith("]")) {
        current =
            sections.computeIfAbsent(
                line.substring(1, line.length() - 1), s -> new LinkedHashMap<>());
        continue;
      }
      int eq = line.indexOf('=');
      if (current == null || eq <= 0) {
        throw new IOException(file + ": not a unit file line: " + raw);
      }
      List<String> values = current.computeIfAbsent(line.substring(0, eq), k -> new ArrayList<>());
      for (String word : line.substring(eq + 1).strip().split("\\s+")) {
        if (!word.isEmpty()) {
          values.add(word);
        }
      }
    }
    return new UnitFile(file.getFileName().toString(), sections);
  }

  List<String> values(String section, String key) {
    return sections.getOrDefault(section, Map.of()).getOrDefault(key, List.of());
  }

  String value(String section, String key) {
    return String.join(" ", values(section, key));
  }
}
