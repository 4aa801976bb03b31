package org.pacer.cli.cluster;

import java.util.HashMap;
import java.util.Map;

/** The supervisor's few {@code --name value} arguments (it is started by crm, not by people). */
final class Options {
  private Options() {}

  static Map<String, String> parse(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("expected --name value pairs, got '" + args[i] + "'");
      }
      options.put(args[i], args[++i]);
    }
    return options;
  }
}
