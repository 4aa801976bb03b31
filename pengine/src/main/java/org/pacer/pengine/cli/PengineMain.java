package org.pacer.pengine.cli;

import picocli.CommandLine;

/**
 * A plain main for running the scheduler tools as a process (conformance harness, benchmarks):
 * {@code PengineMain simulate ARGS...} or {@code PengineMain verify ARGS...}.
 */
public final class PengineMain {
  private PengineMain() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  static int run(String[] args) {
    if (args.length == 0) {
      System.err.println("usage: PengineMain (simulate|verify) [OPTIONS]");
      return ExitCodes.USAGE;
    }
    String[] rest = java.util.Arrays.copyOfRange(args, 1, args.length);
    return switch (args[0]) {
      case "simulate" -> new CommandLine(new SimulateCommand()).execute(rest);
      case "verify" -> new CommandLine(new VerifyCommand()).execute(rest);
      default -> {
        System.err.println("unknown command '" + args[0] + "': expected simulate or verify");
        yield ExitCodes.USAGE;
      }
    };
  }
}
