package org.pacer.lrmd.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time of this process and of its reaped children (the agents), from /proc/self/stat, in
 * milliseconds.
 */
public record CpuTimes(long selfMs, long childrenMs) {

  private static final long TICK_MS = 10; // USER_HZ is 100 on Linux

  public static CpuTimes now() {
    try {
      String stat = Files.readString(Path.of("/proc/self/stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      // After "pid (comm) ": state=0 ... utime=11 stime=12 cutime=13 cstime=14.
      long self = Long.parseLong(f[11]) + Long.parseLong(f[12]);
      long children = Long.parseLong(f[13]) + Long.parseLong(f[14]);
      return new CpuTimes(self * TICK_MS, children * TICK_MS);
    } catch (IOException | RuntimeException e) {
      return new CpuTimes(-1, -1);
    }
  }

  public CpuTimes since(CpuTimes start) {
    return new CpuTimes(selfMs - start.selfMs, childrenMs - start.childrenMs);
  }
}
