package org.pacer.dist;

import java.nio.file.Path;

/**
 * Where the dist module's sources are: tests run with the module directory as working directory.
 */
final class DistTree {
  private DistTree() {}

  static Path module() {
    return Path.of("").toAbsolutePath();
  }

  static Path systemd() {
    return module().resolve("systemd");
  }

  static Path repository() {
    return module().getParent();
  }
}
