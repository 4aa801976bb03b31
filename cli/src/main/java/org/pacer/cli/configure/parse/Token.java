package org.pacer.cli.configure.parse;

/**
 * One word of a configure-language line after quote removal.
 *
 * @param text the word with quotes removed
 * @param line 1-based line in the input where the word starts
 * @param quoted whether any part of the word was quoted (a quoted "(" is a value, not a set)
 */
public record Token(String text, int line, boolean quoted) {

  /** True if this token is the unquoted keyword {@code word}. */
  public boolean is(String word) {
    return !quoted && text.equals(word);
  }

  @Override
  public String toString() {
    return text;
  }
}
