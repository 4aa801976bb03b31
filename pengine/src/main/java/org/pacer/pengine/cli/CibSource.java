package org.pacer.pengine.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.pacer.cib.client.CibConnection;
import org.pacer.cib.client.CibConnections;
import org.pacer.cib.client.LiveConnections;
import org.pacer.cib.document.CibException;
import org.pacer.cib.ops.CibQuery;
import org.pacer.pengine.unpack.CibText;

/**
 * Where a command reads its CIB: a file, standard input ("-"), or the live cluster. As with
 * Pacemaker's tools, "the live cluster" is the file named by {@code CIB_file} when that is set (so
 * scripts and tests can point every tool at one file), otherwise the CIB daemon on this node (or
 * {@code CIB_server} for a remote one).
 */
final class CibSource {
  private CibSource() {}

  /**
   * Reads the CIB text.
   *
   * @param env the environment (CIB_file, CIB_server, PACER_ROOT) that chooses the live CIB
   * @throws CommandFailure with the exit code when it cannot be read
   */
  static String read(Path file, boolean live, Map<String, String> env) {
    if (live) {
      return live(env);
    }
    if (file == null) {
      throw new CommandFailure(ExitCodes.USAGE, "no CIB given: use -x FILE or -L");
    }
    try {
      byte[] data =
          file.toString().equals("-") ? System.in.readAllBytes() : Files.readAllBytes(file);
      return CibText.decode(data);
    } catch (CibText.UnreadableException e) {
      throw new CommandFailure(ExitCodes.DATA, "cannot read " + file + ": " + e.getMessage());
    } catch (NoSuchFileException e) {
      throw new CommandFailure(ExitCodes.NO_INPUT, "cannot read " + file + ": no such file");
    } catch (IOException e) {
      throw new CommandFailure(ExitCodes.NO_INPUT, "cannot read " + file + ": " + e.getMessage());
    }
  }

  /** The live CIB: CIB_file if set, else the CIB daemon; exit 66 (as crm_simulate) if neither. */
  private static String live(Map<String, String> env) {
    String cibFile = env.get(CibConnections.CIB_FILE);
    if (cibFile != null && !cibFile.isBlank()) {
      // Read-only: the tools never write the live CIB, so no lock or version bump.
      Path p = Path.of(cibFile.trim());
      if (!Files.isRegularFile(p)) {
        throw new CommandFailure(
            ExitCodes.NO_INPUT, "cannot read CIB_file " + p + ": no such file");
      }
      return read(p, false, env);
    }
    try (CibConnection conn = CibConnections.open(env, Clock.systemUTC(), LiveConnections::open)) {
      return conn.query(CibQuery.whole());
    } catch (CibException e) {
      throw new CommandFailure(
          ExitCodes.NO_INPUT,
          "cannot read the live CIB: "
              + e.getMessage()
              + " (is pacer-cib running? set CIB_file=FILE or use -x FILE)");
    }
  }

  static void write(Path file, String text) {
    try {
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new CommandFailure(
          ExitCodes.CANT_CREATE, "cannot write " + file + ": " + e.getMessage());
    }
  }
}
