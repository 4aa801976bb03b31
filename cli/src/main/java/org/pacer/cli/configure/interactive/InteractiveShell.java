package org.pacer.cli.configure.interactive;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.pacer.cli.configure.agents.OcfAgents;
import org.pacer.cli.configure.session.CrmShell;

/**
 * crm at a terminal: crmsh's prompt ({@code crm(live)configure# }), line editing and history, and
 * completion of commands, object ids, node names, agents and their parameters. An error is reported
 * and the shell goes on; at the end, staged changes are committed if the user says so.
 */
public final class InteractiveShell {
  private final CrmShell shell;
  private final OcfAgents agents;
  private final Path history;

  public InteractiveShell(CrmShell shell, OcfAgents agents, Path history) {
    this.shell = shell;
    this.agents = agents;
    this.history = history;
  }

  /** Reads commands until quit or end of input; returns the exit code. */
  public int run() throws IOException {
    try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
      DefaultParser parser = new DefaultParser();
      parser.setEofOnEscapedNewLine(true); // a trailing backslash continues the command
      parser.setEscapeChars(new char[0]);
      LineReader reader =
          LineReaderBuilder.builder()
              .terminal(terminal)
              .appName("crm")
              .parser(parser)
              .completer(new ShellCompleter(shell, agents))
              .variable(LineReader.HISTORY_FILE, history)
              .variable(LineReader.SECONDARY_PROMPT_PATTERN, "> ")
              .variable(LineReader.ERRORS, 0) // complete what was typed, not what resembles it
              .build();
      PrintWriter out = terminal.writer();
      while (!shell.quitRequested()) {
        String line;
        try {
          line = reader.readLine(shell.prompt());
        } catch (UserInterruptException e) {
          continue; // Ctrl-C drops the line being typed, as in a shell
        } catch (EndOfFileException e) {
          out.println();
          break;
        }
        if (!line.isBlank()) {
          shell.runLine(line);
        }
      }
      if (shell.hasPendingChanges()) {
        String answer;
        try {
          answer = reader.readLine("There are changes pending. Do you want to commit them (y/n)? ");
        } catch (UserInterruptException | EndOfFileException e) {
          answer = "n";
        }
        if (answer.strip().toLowerCase(java.util.Locale.ROOT).startsWith("y")) {
          return shell.commitPending() ? 0 : 1;
        }
      }
      return 0;
    }
  }
}
