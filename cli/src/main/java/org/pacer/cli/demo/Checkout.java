package org.pacer.cli.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * The source checkout a demo or test cluster runs from, and the OCF root its nodes use: Pacer's own
 * agents ({@code agents/ocf}) as provider {@code pacer} beside the system's providers when
 * resource-agents is installed. Nothing is installed on the machine: every node is pointed at the
 * root through {@code OCF_ROOT}.
 */
public final class Checkout {

  private Checkout() {}

  /** The checkout: {@code -Dpacer.repo} (bin/pacer-demo sets it), else above this directory. */
  public static Path repo() {
    String configured = System.getProperty("pacer.repo");
    if (configured != null) {
      return Path.of(configured).toAbsolutePath().normalize();
    }
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("agents/ocf")) && Files.isRegularFile(p.resolve("pom.xml"))) {
        return p;
      }
    }
    throw new IllegalStateException(
        "cannot find Pacer's checkout (agents/ocf) above " + Path.of("").toAbsolutePath());
  }

  /** Creates (or completes) {@code dir/ocf} as an OCF root and returns it. */
  public static Path ocfRoot(Path repo, Path dir) throws IOException {
    Path ocf = dir.resolve("ocf");
    Path providers = Files.createDirectories(ocf.resolve("resource.d"));
    Path system = Path.of("/usr/lib/ocf");
    if (Files.isDirectory(system.resolve("lib"))) {
      link(ocf.resolve("lib"), system.resolve("lib"));
    }
    if (Files.isDirectory(system.resolve("resource.d"))) {
      try (var list = Files.list(system.resolve("resource.d"))) {
        for (Path provider : list.toList()) {
          // An installed Pacer's agents may be older than the checkout's: the checkout wins.
          if (!provider.getFileName().toString().equals("pacer")) {
            link(providers.resolve(provider.getFileName()), provider);
          }
        }
      }
    }
    Path pacer = providers.resolve("pacer");
    if (Files.isSymbolicLink(pacer)) {
      Files.delete(pacer);
    }
    link(pacer, repo.resolve("agents/ocf"));
    return ocf;
  }

  private static void link(Path link, Path target) throws IOException {
    if (!Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
      Files.createSymbolicLink(link, target);
    }
  }
}
