package org.pacer.cli.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** This machine's node name when none is given: the short host name, as {@code uname -n}. */
final class NodeName {
  private NodeName() {}

  static String local() {
    try {
      String name = Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
      int dot = name.indexOf('.');
      return dot > 0 ? name.substring(0, dot) : name;
    } catch (IOException e) {
      return "localhost";
    }
  }
}
