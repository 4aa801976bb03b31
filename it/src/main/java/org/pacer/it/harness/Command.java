package org.pacer.it.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a short system command (ip, nft, kill) and says exactly what failed. */
public final class Command {
  private Command() {}

  /** The outcome of one command. */
  public record Result(int exit, String output) {
    public boolean ok() {
      return exit == 0;
    }
  }

  public static Result run(List<String> command) throws IOException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException("timed out: " + String.join(" ", command));
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted: " + String.join(" ", command), e);
    }
    return new Result(
        p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
  }

  /** Runs a command that must succeed. */
  public static String check(String... command) throws IOException {
    Result result = run(List.of(command));
    if (!result.ok()) {
      throw new IOException(
          String.join(" ", command)
              + " failed with status "
              + result.exit()
              + ": "
              + result.output().strip());
    }
    return result.output();
  }

  /** Runs a command whose failure is tolerable (cleanup); returns whether it worked. */
  public static boolean quietly(String... command) {
    try {
      return run(List.of(command)).ok();
    } catch (IOException e) {
      return false;
    }
  }

  public static List<String> of(String... parts) {
    return new ArrayList<>(List.of(parts));
  }
}
