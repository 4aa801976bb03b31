package org.pacer.pengine.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.pacer.pengine.Simulator;

/** Temporary entry until the picocli command lands: prints crm_simulate -S output for -x FILE. */
public final class SimulateMain {
  private SimulateMain() {}

  public static void main(String[] args) throws Exception {
    String file = args[args.length - 1];
    System.out.print(
        Simulator.simulateText(Files.readString(Path.of(file)), LocalDateTime.now(ZoneOffset.UTC)));
  }
}
