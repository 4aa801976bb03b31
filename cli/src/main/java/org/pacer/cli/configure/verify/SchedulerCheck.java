package org.pacer.cli.configure.verify;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.pacer.cli.configure.store.CibXml;
import org.pacer.pengine.cli.VerifyCommand;
import org.w3c.dom.Document;
import picocli.CommandLine;

/**
 * What crm_verify says about a CIB, from the scheduler's own {@code crm verify} (crmsh runs
 * crm_verify before each commit and refuses on errors unless forced).
 */
public final class SchedulerCheck {
  private SchedulerCheck() {}

  /** Errors (the configuration is not valid) and warnings (it may not do what is meant). */
  public record Findings(List<String> errors, List<String> warnings) {
    public static final Findings NONE = new Findings(List.of(), List.of());
  }

  public static Findings check(Document cib) {
    Path tmp = null;
    try {
      tmp = Files.createTempFile("crm-verify-", ".xml");
      Files.writeString(tmp, CibXml.print(cib.getDocumentElement()), StandardCharsets.UTF_8);
      StringWriter err = new StringWriter();
      CommandLine cl = new CommandLine(new VerifyCommand());
      cl.setErr(new PrintWriter(err));
      cl.setOut(new PrintWriter(new StringWriter()));
      cl.execute("-x", tmp.toString(), "-V");
      List<String> errors = new ArrayList<>();
      List<String> warnings = new ArrayList<>();
      for (String line : err.toString().split("\n")) {
        if (line.startsWith("error: ")) {
          errors.add(line.substring(7));
        } else if (line.startsWith("warning: ")) {
          warnings.add(line.substring(9));
        }
      }
      return new Findings(errors, warnings);
    } catch (IOException e) {
      return new Findings(List.of(), List.of("the scheduler's check could not run: " + e));
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // a temporary file left behind harms nothing
        }
      }
    }
  }
}
