package org.pacer.crmd.tools;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses arguments the way Pacemaker's tools (GLib option parsing) accept them: {@code -n NAME},
 * {@code -nNAME}, {@code --name=NAME}, {@code --name NAME}, clustered flags ({@code -Gq}), and
 * options whose argument is optional only in the {@code --long=VALUE} form. A repeated option keeps
 * its last value. Errors read as Pacemaker's do ({@code Unknown option -Z}, {@code Missing argument
 * for -n}) and exit with 64.
 */
final class ArgParser {

  enum Arg {
    NONE,
    REQUIRED,
    OPTIONAL
  }

  record Option(char shortName, String longName, Arg arg) {}

  private final String tool;
  private final List<Option> options = new ArrayList<>();

  ArgParser(String tool) {
    this.tool = tool;
  }

  ArgParser flag(char s, String l) {
    options.add(new Option(s, l, Arg.NONE));
    return this;
  }

  ArgParser value(char s, String l) {
    options.add(new Option(s, l, Arg.REQUIRED));
    return this;
  }

  ArgParser optionalValue(char s, String l) {
    options.add(new Option(s, l, Arg.OPTIONAL));
    return this;
  }

  /** Parsed options by long name; a flag maps to "" and an absent optional value to null. */
  static final class Parsed {
    final Map<String, String> values = new LinkedHashMap<>();
    final List<String> order = new ArrayList<>();
    final List<String> positional = new ArrayList<>();

    boolean has(String longName) {
      return values.containsKey(longName);
    }

    String get(String longName) {
      return values.get(longName);
    }
  }

  Parsed parse(List<String> args) throws ToolException {
    Parsed p = new Parsed();
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (a.equals("--")) {
        p.positional.addAll(args.subList(i + 1, args.size()));
        break;
      }
      if (a.startsWith("--")) {
        String name = a.substring(2);
        String value = null;
        int eq = name.indexOf('=');
        if (eq >= 0) {
          value = name.substring(eq + 1);
          name = name.substring(0, eq);
        }
        Option o = byLong(name);
        if (o == null) {
          throw usage("Unknown option " + a);
        }
        if (o.arg() == Arg.NONE && value != null) {
          throw usage("Option --" + name + " does not take an argument");
        }
        if (o.arg() == Arg.REQUIRED && value == null) {
          if (i + 1 >= args.size()) {
            throw usage("Missing argument for --" + name);
          }
          value = args.get(++i);
        }
        put(p, o, value == null && o.arg() == Arg.NONE ? "" : value);
      } else if (a.startsWith("-") && a.length() > 1) {
        for (int j = 1; j < a.length(); j++) {
          Option o = byShort(a.charAt(j));
          if (o == null) {
            throw usage("Unknown option -" + a.charAt(j));
          }
          if (o.arg() == Arg.NONE) {
            put(p, o, "");
            continue;
          }
          String rest = a.substring(j + 1);
          if (!rest.isEmpty()) {
            put(p, o, rest);
          } else if (o.arg() == Arg.REQUIRED) {
            if (i + 1 >= args.size()) {
              throw usage("Missing argument for -" + a.charAt(j));
            }
            put(p, o, args.get(++i));
          } else {
            put(p, o, null);
          }
          break;
        }
      } else {
        p.positional.add(a);
      }
    }
    return p;
  }

  private void put(Parsed p, Option o, String value) {
    p.values.put(o.longName(), value);
    p.order.add(o.longName());
  }

  private ToolException usage(String message) {
    return new ToolException(ExitCodes.USAGE, tool + ": " + message);
  }

  private Option byLong(String name) {
    for (Option o : options) {
      if (o.longName().equals(name)) {
        return o;
      }
    }
    return null;
  }

  private Option byShort(char c) {
    for (Option o : options) {
      if (o.shortName() == c) {
        return o;
      }
    }
    return null;
  }
}
