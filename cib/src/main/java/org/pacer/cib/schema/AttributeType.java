package org.pacer.cib.schema;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What an attribute's value must look like. Types mirror the data types Pacemaker's documented
 * syntax uses (IDs, ID references, integers, booleans, scores, enumerations, free text).
 */
public sealed interface AttributeType {

  /** Null when the value fits, else why it does not. */
  String check(String value);

  /** Free text. */
  record Text() implements AttributeType {
    @Override
    public String check(String value) {
      return null;
    }
  }

  /**
   * An XML ID: unique in the document, starting with a letter or underscore, then letters, digits,
   * '.', '-', '_' (the NCName rule Pacemaker's schema inherits from XML Schema's ID).
   */
  record Id() implements AttributeType {
    /** Hand-written rather than a regular expression: every id of every write passes here. */
    static boolean isName(String v) {
      char first = v.charAt(0);
      if (!(Character.isLetter(first) || first == '_')) {
        return false;
      }
      for (int i = 1; i < v.length(); i++) {
        char c = v.charAt(i);
        if (!(Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '-')) {
          return false;
        }
      }
      return true;
    }

    @Override
    public String check(String value) {
      if (value.isEmpty()) {
        return "an id may not be empty";
      }
      return isName(value)
          ? null
          : "'"
              + value
              + "' is not a valid id (start with a letter or '_', then letters, digits, '.', '-',"
              + " '_')";
    }
  }

  /** A reference to the id of another element, of one of the given kinds (any when empty). */
  record IdRef(Set<String> targets, String what) implements AttributeType {
    @Override
    public String check(String value) {
      return value.isEmpty() ? "a reference may not be empty" : null;
    }
  }

  /** Whole numbers, optionally at least {@code min}. */
  record Integer(long min) implements AttributeType {
    @Override
    public String check(String value) {
      try {
        long n = Long.parseLong(value.trim());
        return n < min ? "'" + value + "' is less than " + min : null;
      } catch (NumberFormatException e) {
        return "'" + value + "' is not a whole number";
      }
    }
  }

  /** XML Schema booleans as Pacemaker's schema takes them. */
  record Bool() implements AttributeType {
    static final Set<String> VALUES = Set.of("true", "false", "1", "0", "yes", "no", "on", "off");

    @Override
    public String check(String value) {
      return VALUES.contains(value.trim().toLowerCase(java.util.Locale.ROOT))
          ? null
          : "'" + value + "' is not a boolean (true or false)";
    }
  }

  /** A score: an integer or INFINITY with an optional sign. */
  record Score() implements AttributeType {
    static final Pattern SCORE = Pattern.compile("[-+]?(\\d+|INFINITY|infinity)");

    @Override
    public String check(String value) {
      return SCORE.matcher(value.trim()).matches()
          ? null
          : "'" + value + "' is not a score (an integer, INFINITY, +INFINITY or -INFINITY)";
    }
  }

  /** One of a fixed set of words. */
  record Choice(List<String> values) implements AttributeType {
    @Override
    public String check(String value) {
      return values.contains(value) ? null : "'" + value + "' is not one of " + values;
    }
  }
}
