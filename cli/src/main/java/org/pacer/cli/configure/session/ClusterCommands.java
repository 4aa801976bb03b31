package org.pacer.cli.configure.session;

import java.io.PrintWriter;
import java.util.List;
import org.pacer.cli.configure.parse.Token;
import org.pacer.cli.configure.store.CibStore;

/** The resource and node level commands that act on the CIB alone (no cluster needed). */
final class ClusterCommands {
  private final CibStore store;
  private final ShellOptions options;
  private final PrintWriter out;
  private final PrintWriter err;

  ClusterCommands(CibStore store, ShellOptions options, PrintWriter out, PrintWriter err) {
    this.store = store;
    this.options = options;
    this.out = out;
    this.err = err;
  }

  void run(String level, int line, List<Token> words) throws EditException {
    throw new EditException(level + " " + words.get(0).text() + " is not available yet");
  }
}
