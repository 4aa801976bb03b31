package org.pacer.lrmd.process;

import java.util.List;

/** Linux signal numbers and the descriptions the C library gives them (strsignal). */
public final class Signals {

  public static final int SIGKILL = 9;
  public static final int SIGTERM = 15;

  private static final List<String> DESCRIPTIONS =
      List.of(
          "Unknown signal 0",
          "Hangup",
          "Interrupt",
          "Quit",
          "Illegal instruction",
          "Trace/breakpoint trap",
          "Aborted",
          "Bus error",
          "Floating point exception",
          "Killed",
          "User defined signal 1",
          "Segmentation fault",
          "User defined signal 2",
          "Broken pipe",
          "Alarm clock",
          "Terminated",
          "Stack fault",
          "Child exited",
          "Continued",
          "Stopped (signal)",
          "Stopped",
          "Stopped (tty input)",
          "Stopped (tty output)",
          "Urgent I/O condition",
          "CPU time limit exceeded",
          "File size limit exceeded",
          "Virtual timer expired",
          "Profiling timer expired",
          "Window changed",
          "I/O possible",
          "Power failure",
          "Bad system call");

  private Signals() {}

  public static String description(int signal) {
    if (signal > 0 && signal < DESCRIPTIONS.size()) {
      return DESCRIPTIONS.get(signal);
    }
    if (signal >= 34 && signal <= 64) {
      return "Real-time signal " + (signal - 34);
    }
    return "Unknown signal " + signal;
  }
}
