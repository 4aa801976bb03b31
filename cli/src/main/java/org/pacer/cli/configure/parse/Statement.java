package org.pacer.cli.configure.parse;

import java.util.List;

/**
 * One logical command: the words of one line joined with its backslash continuations.
 *
 * @param tokens the words
 * @param line the line where the statement starts
 * @param comments full-line {@code #} comments directly before it (crmsh keeps them with the object
 *     they precede)
 * @param text the raw text of the statement, continuations joined
 */
public record Statement(List<Token> tokens, int line, List<String> comments, String text) {
  public Statement {
    tokens = List.copyOf(tokens);
    comments = List.copyOf(comments);
  }
}
