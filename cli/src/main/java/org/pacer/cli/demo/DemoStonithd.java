package org.pacer.cli.demo;

import java.util.ArrayList;
import java.util.List;
import org.pacer.stonithd.StonithDaemon;

/**
 * pacer-stonithd as the demo's nodes run it. The supervisor starts a daemon with {@code --root DIR
 * --node NAME} only, and the demo's fence agent ({@code fence_pacer_kill}) lives in the checkout,
 * not in /usr/sbin: this adds {@code --agents-dir} for each directory of {@value #DIRS_ENV}, then
 * the system's.
 */
public final class DemoStonithd {

  /** Colon-separated directories of fence agents. */
  public static final String DIRS_ENV = "PACER_DEMO_FENCE_DIRS";

  private DemoStonithd() {}

  public static void main(String[] args) {
    List<String> all = new ArrayList<>(List.of(args));
    String dirs = System.getenv(DIRS_ENV);
    if (dirs != null) {
      for (String dir : dirs.split(":")) {
        if (!dir.isBlank()) {
          all.add("--agents-dir");
          all.add(dir);
        }
      }
    }
    all.add("--agents-dir");
    all.add("/usr/sbin");
    StonithDaemon.main(all.toArray(String[]::new));
  }
}
