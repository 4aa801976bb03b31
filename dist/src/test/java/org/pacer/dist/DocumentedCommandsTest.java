package org.pacer.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.pacer.cli.Crm;
import org.pacer.cli.configure.session.Levels;
import picocli.CommandLine;

/**
 * Every {@code crm LEVEL COMMAND} the operator documents names a command the shell has: a renamed
 * or removed command fails here rather than in an operator's hands. (What each command does was
 * checked by running it on a cluster when the documents were written.)
 */
class DocumentedCommandsTest {

  private static final List<String> DOCUMENTS =
      List.of("operations.md", "troubleshooting.md", "configuration.md");

  /** {@code crm ...} in backticks, or at the start of a line in a code block. */
  private static final Pattern INLINE = Pattern.compile("`(?:pacer-)?crm ([^`]+)`");

  /**
   * Commands the documents name as missing ("Pacer has no `crm resource cleanup` yet"). When one
   * lands this test fails, so the documents stop giving the work-around.
   */
  private static final List<String> DOCUMENTED_AS_MISSING = List.of();

  private static final Pattern BLOCK_LINE = Pattern.compile("(?m)^(?:pacer-)?crm ([^#\\n]+)");

  @Test
  void everyDocumentedCrmCommandExists() throws IOException {
    List<String> invocations = new ArrayList<>();
    for (String name : DOCUMENTS) {
      String text = Files.readString(DistTree.repository().resolve("docs").resolve(name));
      for (Pattern p : List.of(INLINE, BLOCK_LINE)) {
        Matcher m = p.matcher(text);
        while (m.find()) {
          invocations.add(name + ": crm " + m.group(1).strip());
        }
      }
    }
    assertTrue(invocations.size() > 30, "found only " + invocations);
    CommandLine picocli = Crm.commandLine();
    List<String> unknown = new ArrayList<>();
    for (String invocation : invocations) {
      String[] words = invocation.substring(invocation.indexOf("crm ") + 4).split("\\s+");
      String level = words[0];
      if (level.startsWith("-") || level.equals("(Pacer)")) {
        continue; // crm --version, and its output
      }
      String command = words.length > 1 ? words[1] : null;
      for (String lvl : level.split("\\|")) {
        if (command == null || command.startsWith("-") || command.equals("...")) {
          if (!picocli.getSubcommands().containsKey(lvl) && !Levels.commands("").contains(lvl)) {
            unknown.add(invocation);
          }
          continue;
        }
        for (String cmd : command.replaceAll(":$", "").split("\\|")) {
          if (DOCUMENTED_AS_MISSING.contains(lvl + " " + cmd)) {
            assertTrue(
                !exists(picocli, lvl, cmd),
                "crm "
                    + lvl
                    + " "
                    + cmd
                    + " exists now: update the documents that say it does not");
            continue;
          }
          if (!exists(picocli, lvl, cmd)) {
            unknown.add(invocation + "  [" + lvl + " " + cmd + "]");
          }
        }
      }
    }
    assertEquals(List.of(), unknown, "documented crm commands the shell does not have");
  }

  private static boolean exists(CommandLine picocli, String level, String command) {
    CommandLine leaf = picocli.getSubcommands().get(level);
    if (leaf != null && leaf.getSubcommands().containsKey(command)) {
      return true;
    }
    if (leaf != null && leaf.getSubcommands().isEmpty() && !Levels.commands("").contains(level)) {
      return true; // a leaf command whose next word is an argument (crm verify FILE)
    }
    return Levels.commands("").contains(level) && Levels.commands(level).contains(command);
  }
}
