package org.pacer.cli.configure.parse;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits configure-language text into statements and words the way a POSIX shell would: blanks
 * separate words, single quotes keep everything, double quotes keep everything but {@code \"} and
 * {@code \\}, and a backslash at the end of a line continues the statement on the next one. Lines
 * whose first non-blank character is {@code #} are comments; {@code #uname} inside a line is an
 * ordinary word.
 */
public final class Lexer {

  private Lexer() {}

  public static List<Statement> split(String input) throws ParseException {
    List<Statement> out = new ArrayList<>();
    List<String> comments = new ArrayList<>();
    String[] lines = input.split("\r?\n", -1);
    int i = 0;
    while (i < lines.length) {
      String first = lines[i];
      String trimmed = first.strip();
      if (trimmed.isEmpty()) {
        i++;
        continue;
      }
      if (trimmed.startsWith("#")) {
        comments.add(trimmed);
        i++;
        continue;
      }
      int start = i + 1;
      StringBuilder joined = new StringBuilder();
      List<int[]> lineStarts = new ArrayList<>();
      if (trimmed.startsWith("xml ") || trimmed.startsWith("xml\t")) {
        // raw XML is not shell words: quotes are XML's own, a comment may span lines, and
        // crmsh ends each line but the last of an element with " \"
        String line = trimmed;
        i++;
        while (true) {
          String r = stripTrailing(line);
          boolean more = !unclosedComment(joined + line) && r.endsWith("\\") && i < lines.length;
          joined.append(more ? r.substring(0, r.length() - 1) : line);
          if (!more && !(unclosedComment(joined) && i < lines.length)) {
            break;
          }
          joined.append('\n');
          line = lines[i];
          i++;
        }
        String xml = joined.substring(3).strip();
        out.add(
            new Statement(
                List.of(new Token("xml", start, false), new Token(xml, start, true)),
                start,
                comments,
                joined.toString()));
        comments = new ArrayList<>();
        continue;
      }
      while (true) {
        String l = lines[i];
        lineStarts.add(new int[] {joined.length(), i + 1});
        String r = stripTrailing(l);
        if (r.endsWith("\\") && !r.endsWith("\\\\") && i + 1 < lines.length) {
          joined.append(r, 0, r.length() - 1).append(' ');
          i++;
        } else {
          joined.append(l);
          i++;
          break;
        }
      }
      List<Token> tokens = words(joined.toString(), lineStarts);
      if (!tokens.isEmpty()) {
        out.add(new Statement(tokens, start, comments, joined.toString().strip()));
      }
      comments = new ArrayList<>();
    }
    return out;
  }

  private static boolean unclosedComment(CharSequence s) {
    String t = s.toString();
    return t.lastIndexOf("<!--") > t.lastIndexOf("-->");
  }

  private static String stripTrailing(String s) {
    int e = s.length();
    while (e > 0 && (s.charAt(e - 1) == ' ' || s.charAt(e - 1) == '\t')) {
      e--;
    }
    return s.substring(0, e);
  }

  /** Splits one joined statement into words; lineStarts maps offsets back to input lines. */
  static List<Token> words(String s, List<int[]> lineStarts) throws ParseException {
    List<Token> out = new ArrayList<>();
    int i = 0;
    int n = s.length();
    while (i < n) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
        continue;
      }
      int wordStart = i;
      StringBuilder w = new StringBuilder();
      boolean quoted = false;
      while (i < n && !Character.isWhitespace(s.charAt(i))) {
        c = s.charAt(i);
        if (c == '\'') {
          int end = s.indexOf('\'', i + 1);
          if (end < 0) {
            throw new ParseException(lineAt(lineStarts, i), "unterminated ' quote");
          }
          w.append(s, i + 1, end);
          i = end + 1;
          quoted = true;
        } else if (c == '"') {
          i++;
          boolean closed = false;
          while (i < n) {
            char d = s.charAt(i);
            if (d == '\\' && i + 1 < n && "\"\\$`".indexOf(s.charAt(i + 1)) >= 0) {
              w.append(s.charAt(i + 1));
              i += 2;
            } else if (d == '"') {
              i++;
              closed = true;
              break;
            } else {
              w.append(d);
              i++;
            }
          }
          if (!closed) {
            throw new ParseException(lineAt(lineStarts, wordStart), "unterminated \" quote");
          }
          quoted = true;
        } else if (c == '\\' && i + 1 < n) {
          w.append(s.charAt(i + 1));
          i += 2;
        } else {
          w.append(c);
          i++;
        }
      }
      out.add(new Token(w.toString(), lineAt(lineStarts, wordStart), quoted));
    }
    return out;
  }

  private static int lineAt(List<int[]> lineStarts, int offset) {
    int line = lineStarts.get(0)[1];
    for (int[] ls : lineStarts) {
      if (ls[0] <= offset) {
        line = ls[1];
      }
    }
    return line;
  }
}
