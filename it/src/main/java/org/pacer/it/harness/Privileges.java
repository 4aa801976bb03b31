package org.pacer.it.harness;

import java.nio.file.Files;
import java.nio.file.Path;

/** What this test process may do: network namespaces and nftables need root and the tools. */
public final class Privileges {
  private Privileges() {}

  public static boolean root() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("Uid:")) {
          return line.split("\\s+")[2].equals("0");
        }
      }
    } catch (java.io.IOException e) {
      return false;
    }
    return false;
  }

  /** Root plus ip and nft: namespaces with links that can be cut. */
  public static boolean namespaces() {
    return root()
        && Files.isExecutable(Path.of("/usr/sbin/ip"))
        && Files.isExecutable(Path.of("/usr/sbin/nft"));
  }
}
