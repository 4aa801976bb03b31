package org.pacer.cli.configure.parse;

import java.util.List;

/** Reads the words of one statement in order and builds errors that say where and what. */
final class Cursor {
  private final List<Token> tokens;
  private final Statement statement;
  private int pos;

  Cursor(Statement statement) {
    this.statement = statement;
    this.tokens = statement.tokens();
  }

  boolean atEnd() {
    return pos >= tokens.size();
  }

  Token peek() {
    return atEnd() ? null : tokens.get(pos);
  }

  Token peek(int ahead) {
    int i = pos + ahead;
    return i < tokens.size() ? tokens.get(i) : null;
  }

  boolean peekIs(String word) {
    Token t = peek();
    return t != null && t.is(word);
  }

  boolean peekIsAny(String... words) {
    for (String w : words) {
      if (peekIs(w)) {
        return true;
      }
    }
    return false;
  }

  /** Consumes the next word if it is {@code word}. */
  boolean accept(String word) {
    if (peekIs(word)) {
      pos++;
      return true;
    }
    return false;
  }

  Token next() {
    return tokens.get(pos++);
  }

  /** The next word, or an error saying that {@code what} was expected there. */
  Token expect(String what) throws ParseException {
    if (atEnd()) {
      throw error("expected " + what + ", found the end of the line");
    }
    return next();
  }

  void expectWord(String word) throws ParseException {
    Token t = expect("\"" + word + "\"");
    if (!t.is(word)) {
      throw errorAt(t, "expected \"" + word + "\"");
    }
  }

  void expectEnd() throws ParseException {
    if (!atEnd()) {
      throw errorAt(peek(), "expected the end of the line");
    }
  }

  int line() {
    Token t = atEnd() ? (tokens.isEmpty() ? null : tokens.get(tokens.size() - 1)) : peek();
    return t == null ? statement.line() : t.line();
  }

  ParseException error(String message) {
    return new ParseException(line(), "in \"" + head() + "\": " + message);
  }

  ParseException errorAt(Token t, String expected) {
    return new ParseException(
        t.line(), "in \"" + head() + "\": unexpected \"" + t.text() + "\"; " + expected);
  }

  /** The first words of the statement, so an error names the object it is about. */
  private String head() {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < Math.min(2, tokens.size()); i++) {
      if (i > 0) {
        b.append(' ');
      }
      b.append(tokens.get(i).text());
    }
    return b.toString();
  }
}
