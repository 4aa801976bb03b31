package org.pacer.pengine.cli;

import picocli.CommandLine;

/**
 * A plain main for running the scheduler tools as a process (conformance harness, benchmarks):
 * {@code PengineMain simulate ARGS...} or {@code PengineMain verify ARGS...}.
 */
public final class PengineMain {
  private PengineMain() {}

  public static void main(String[] args) {
    quietLogging();
    System.exit(run(args));
  }

  /**
   * Run standalone there is no logging backend, and SLF4J would warn about that on stderr the
   * moment -L reaches for the CIB client; the tools report through their own output instead.
   */
  private static void quietLogging() {
    if (System.getProperty("slf4j.provider") != null) {
      return;
    }
    try {
      Class.forName("ch.qos.logback.classic.spi.LogbackServiceProvider");
    } catch (ClassNotFoundException e) {
      System.setProperty("slf4j.provider", "org.slf4j.helpers.NOP_FallbackServiceProvider");
      System.setProperty("slf4j.internal.verbosity", "WARN");
    }
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
