package org.pacer.it.harness;

import java.util.ArrayList;
import java.util.List;
import org.pacer.stonithd.StonithDaemon;

/**
 * pacer-stonithd as a test node runs it: the supervisor starts daemons with {@code --root DIR
 * --node NAME} only, so this adds {@code --agents-dir} for Pacer's test fence agents (from {@value
 * AgentDirs#FENCE_DIRS_ENV}) besides the system's directory.
 */
public final class ItStonithd {

  private ItStonithd() {}

  public static void main(String[] args) {
    List<String> all = new ArrayList<>(List.of(args));
    String dirs = System.getenv(AgentDirs.FENCE_DIRS_ENV);
    if (dirs != null) {
      for (String dir : dirs.split(":")) {
        all.add("--agents-dir");
        all.add(dir);
      }
    }
    all.add("--agents-dir");
    all.add("/usr/sbin");
    StonithDaemon.main(all.toArray(String[]::new));
  }
}
